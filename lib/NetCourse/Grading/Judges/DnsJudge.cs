using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>
/// Judges exercise 18.1, a DNS lookup written by hand. The judge is the DNS server: it parses the learner's query
/// strictly (<see cref="DnsMessage.Parse"/>), checks the id, flags and question, answers as the <see cref="DnsCase"/>
/// says, and compares the address the learner returns.
/// </summary>
public static class DnsJudge
{
    /// <summary>The address of the decoy reply sent with a wrong id.</summary>
    public static readonly IPAddress Decoy = IPAddress.Parse("192.0.2.66");

    /// <summary>Runs one case against <paramref name="resolve"/>; null when it behaved, otherwise what went wrong.</summary>
    public static async Task<string?> JudgeAsync(
        Func<(IPEndPoint Server, string Name, ushort Id), Task<IPAddress?>> resolve, DnsCase c, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        ArgumentNullException.ThrowIfNull(c);
        using var server = UdpClientSteps.Open();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var problems = new List<string>();
        var serving = ServeAsync(server, c, problems, stop.Token);
        IPAddress? got = null;
        Exception? thrown = null;
        try
        {
            got = await resolve(((IPEndPoint)server.LocalEndPoint!, c.Name, c.Id)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            thrown = e;
        }

        await stop.CancelAsync().ConfigureAwait(false);
        var queries = await serving.ConfigureAwait(false);
        lock (problems)
        {
            if (problems.Count > 0)
            {
                return problems[0];
            }
        }

        if (queries == 0)
        {
            return thrown is null ? "sent no query" : $"sent no query, threw {thrown.GetType().Name}: {thrown.Message}";
        }

        var expected = c.Address is null ? null : IPAddress.Parse(c.Address);
        var answer = c.Address is null ? "NXDOMAIN (no such name)" : $"{c.Address}{(c.Compress ? ", its name a compression pointer" : ", its name written out in labels")}";
        return thrown is not null ? $"the server answered {answer}; the lookup threw {thrown.GetType().Name}: {thrown.Message}"
            : Equals(got, expected) ? null
            : c.WrongIdFirst && Decoy.Equals(got) ? $"returned {got} from a reply whose id was not {c.Id}: check the reply's id before believing it"
            : $"the server answered {answer}; the lookup returned {got?.ToString() ?? "null"}";
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

    private static async Task<int> ServeAsync(Socket server, DnsCase c, List<string> problems, CancellationToken stop)
    {
        var queries = 0;
        await DatagramLoop.RunAsync(server, async (query, from, token) =>
        {
            queries++;
            if (Problem(c, query) is { } problem)
            {
                lock (problems)
                {
                    problems.Add(problem);
                }

                return;
            }

            var question = DnsMessage.Parse(query).Questions;
            if (c.WrongIdFirst)
            {
                var decoy = new DnsMessage((ushort)(c.Id ^ 0x5A5A), 0x8580, question, [DnsRecord.For(c.Name, Decoy)], [], []).Encode(c.Compress);
                await server.SendToAsync(decoy, SocketFlags.None, from, token).ConfigureAwait(false);
            }

            var reply = c.Address is null
                ? new DnsMessage(c.Id, 0x8583, question, [], [], []).Encode(c.Compress)
                : new DnsMessage(c.Id, 0x8580, question, [DnsRecord.For(c.Name, IPAddress.Parse(c.Address))], [], []).Encode(c.Compress);
            await server.SendToAsync(reply, SocketFlags.None, from, token).ConfigureAwait(false);
        }, stop).ConfigureAwait(false);
        return queries;
    }
}
