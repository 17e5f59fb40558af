using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace NetCourse;

/// <summary>
/// 18.1, a DNS lookup written by hand. The judge is the DNS server: it parses the learner's query strictly
/// (<see cref="DnsMessage.Parse"/>), checks the id, flags and question, answers as the <see cref="DnsCase"/> says, and
/// compares the address the learner returns (as text, so that it crosses as JSON).
/// </summary>
internal sealed class DnsJudge() : SocketJudge<Func<(IPEndPoint Server, string Name, ushort Id), Task<IPAddress?>>, DnsCase>("18.1")
{
    /// <summary>The address of the decoy reply sent with a wrong id.</summary>
    internal static readonly IPAddress Decoy = IPAddress.Parse("192.0.2.66");

    internal override bool LearnerServes => false;

    internal override bool WatchesUntilDone => true;

    internal override async Task<JsonNode?> CallAsync(
        Func<(IPEndPoint Server, string Name, ushort Id), Task<IPAddress?>> subject, DnsCase input, IPEndPoint judge, JsonNode? given, CancellationToken cancellationToken) =>
        ProbeJson.ToNode((await subject((judge, input.Name, input.Id)).ConfigureAwait(false))?.ToString());

    /// <summary>Serves one case: <c>{"queries": n, "problem": "what was wrong with the first bad query" | null}</c>.</summary>
    private protected override Task<JudgeServer> Serve(DnsCase input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var answer = input.Address is null ? null : IPAddress.Parse(input.Address);
        var queries = 0;
        string? problem = null;
        var gate = new object();
        return Task.FromResult(DatagramWatch(async (socket, query, from, token) =>
        {
            var wrong = Problem(input, query);
            lock (gate)
            {
                queries++;
                problem ??= wrong;
            }

            if (wrong is not null)
            {
                return;
            }

            var question = DnsMessage.Parse(query).Questions;
            if (input.WrongIdFirst)
            {
                var decoy = new DnsMessage((ushort)(input.Id ^ 0x5A5A), 0x8580, question, [DnsRecord.For(input.Name, Decoy)], [], []).Encode(input.Compress);
                await socket.SendToAsync(decoy, SocketFlags.None, from, token).ConfigureAwait(false);
            }

            var reply = answer is null
                ? new DnsMessage(input.Id, 0x8583, question, [], [], []).Encode(input.Compress)
                : new DnsMessage(input.Id, 0x8580, question, [DnsRecord.For(input.Name, answer)], [], []).Encode(input.Compress);
            await socket.SendToAsync(reply, SocketFlags.None, from, token).ConfigureAwait(false);
        }, () =>
        {
            lock (gate)
            {
                return new JsonObject { ["queries"] = queries, ["problem"] = problem };
            }
        }));
    }

    private protected override CaseVerdict Judge(DnsCase c, JsonNode? seen, JsonNode? outcome)
    {
        if (Unfinished(outcome) is { } stub)
        {
            return stub;
        }

        if (Error(seen) is { } error)
        {
            return new CaseVerdict(false, "no exchange", error);
        }

        if ((string?)seen?["problem"] is { } problem)
        {
            return new CaseVerdict(false, "malformed query", problem);
        }

        var thrown = Thrown(outcome);
        if (outcome?["timedOut"] is not null)
        {
            return Outcomes.Judge(outcome, null, null);
        }

        if ((int?)seen?["queries"] is null or 0)
        {
            return new CaseVerdict(false, "no query", thrown is var (type, message) ? $"sent no query, threw {type}: {message}" : "sent no query");
        }

        var answer = c.Address is null ? "NXDOMAIN (no such name)" : $"{c.Address}{(c.Compress ? ", its name a compression pointer" : ", its name written out in labels")}";
        if (thrown is var (thrownType, thrownMessage))
        {
            return new CaseVerdict(false, $"threw {thrownType}", $"the server answered {answer}; the lookup threw {thrownType}: {thrownMessage}");
        }

        var text = (string?)outcome?["returned"];
        var got = text is not null && IPAddress.TryParse(text, out var parsed) ? parsed : null;
        var expected = c.Address is null ? null : IPAddress.Parse(c.Address);
        return Equals(got, expected) && (got is not null || text is null) ? CaseVerdict.Pass
            : c.WrongIdFirst && Decoy.Equals(got) ? new CaseVerdict(false, "decoy believed", $"returned {got} from a reply whose id was not {c.Id}: check the reply's id before believing it")
            : new CaseVerdict(false, "wrong value", $"the server answered {answer}; the lookup returned {text ?? "null"}");
    }

    private static string? Problem(DnsCase c, byte[] query)
    {
        if (query.Length >= 2 && BinaryPrimitives.ReadUInt16BigEndian(query) != c.Id)
        {
            return $"the query began {query[0]:x2} {query[1]:x2}: id {c.Id} in network byte order (big-endian) is {c.Id >> 8:x2} {c.Id & 0xff:x2}";
        }

        DnsMessage message;
        try
        {
            message = DnsMessage.Parse(query);
        }
        catch (FormatException e)
        {
            return $"the query is not a well-formed DNS message: {e.Message}";
        }

        return message.IsResponse || message.Opcode != 0 ? $"the query's flags are 0x{message.Flags:x4}: a standard query has QR = 0 and opcode 0 (0x0100 with RD)"
            : message.Questions.Count != 1 || message.Answers.Count + message.Authority.Count + message.Additional.Count != 0 ? "a query has QDCOUNT 1 and no records"
            : !string.Equals(message.Questions[0].Name, c.Name, StringComparison.OrdinalIgnoreCase) ? $"the question asks for \"{message.Questions[0].Name}\", not \"{c.Name}\""
            : message.Questions[0].Type != DnsMessage.TypeA || message.Questions[0].Class != DnsMessage.ClassIn ? $"the question has type {message.Questions[0].Type} and class {message.Questions[0].Class}: A is 1, IN is 1"
            : null;
    }
}
