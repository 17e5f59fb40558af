using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NetCourse;

/// <summary>
/// 17.1, a UDP request with timeout, retransmission, backoff and a limit. The judge is the server: a request is the id
/// (2 bytes, big-endian) then the UTF-8 text; the reply is the same id then the text in upper case. It ignores tries as
/// the <see cref="RetryCase"/> says, times every try it receives, and checks the learner's result.
/// </summary>
internal sealed class RetryJudge() : SocketJudge<Func<(IPEndPoint Server, ushort Id, string Text, int Tries, int FirstTimeoutMs), Task<string>>, RetryCase>("17.1")
{
    // How much later one datagram may be seen than sent, on a busy machine, relative to the next one.
    private const double ArrivalJitterMs = 20;

    // Tries recorded per case: far more than any case allows, few enough that a flood stays small.
    private const int Recorded = 64;

    private const string Stale = "STALE REPLY";

    internal override bool LearnerServes => false;

    internal override bool WatchesUntilDone => true;

    internal override async Task<JsonNode?> CallAsync(
        Func<(IPEndPoint Server, ushort Id, string Text, int Tries, int FirstTimeoutMs), Task<string>> subject, RetryCase input, IPEndPoint judge, JsonNode? given,
        CancellationToken cancellationToken) =>
        ProbeJson.ToNode(await subject((judge, input.Id, input.Text, input.Tries, input.FirstTimeoutMs)).ConfigureAwait(false));

    /// <summary>Serves one case: <c>{"count": n, "tries": [{"ms": arrival, "problem": "what is wrong with it" | null}, ...]}</c>.</summary>
    private protected override Task<JudgeServer> Serve(RetryCase input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var clock = Stopwatch.StartNew();
        var tries = new JsonArray();
        var count = 0;
        return Task.FromResult(DatagramWatch(async (socket, datagram, from, token) =>
        {
            var problem = Problem(input, datagram);
            int number;
            lock (tries)
            {
                number = ++count;
                if (tries.Count < Recorded)
                {
                    tries.Add(new JsonObject { ["ms"] = clock.Elapsed.TotalMilliseconds, ["problem"] = problem });
                }
            }

            var reply = problem is not null ? null
                : number > input.Drop ? Reply(input.Id, input.Text.ToUpperInvariant())
                : input.StaleFirst && number == 1 ? Reply(StaleId(input.Id), Stale)
                : null;
            if (reply is not null)
            {
                await socket.SendToAsync(reply, SocketFlags.None, from, token).ConfigureAwait(false);
            }
        }, () =>
        {
            lock (tries)
            {
                return new JsonObject { ["count"] = count, ["tries"] = tries.DeepClone() };
            }
        }));
    }

    private protected override CaseVerdict Judge(RetryCase c, JsonNode? seen, JsonNode? outcome)
    {
        if (Unfinished(outcome) is { } stub)
        {
            return stub;
        }

        if (Error(seen) is { } error)
        {
            return new CaseVerdict(false, "no exchange", error);
        }

        var tries = (seen?["tries"] as JsonArray ?? []).Select(t => ((double?)t?["ms"] ?? 0, (string?)t?["problem"])).ToList();
        var count = (int?)seen?["count"] ?? tries.Count;
        var thrown = Thrown(outcome);
        var result = (string?)outcome?["returned"];
        if (count == 0)
        {
            return outcome?["timedOut"] is not null ? Outcomes.Judge(outcome, null, null)
                : new CaseVerdict(false, "no request", thrown is var (type, message) ? $"sent no request, threw {type}: {message}" : $"returned \"{result}\" without sending a request");
        }

        if (tries.Select(t => t.Item2).FirstOrDefault(p => p is not null) is { } bad)
        {
            return new CaseVerdict(false, "malformed request", bad);
        }

        for (var k = 1; k < tries.Count && k < c.Tries; k++)
        {
            var gap = tries[k].Item1 - tries[k - 1].Item1;
            var wait = c.FirstTimeoutMs * Math.Pow(2, k - 1);
            var least = wait - Math.Max(0.2 * wait, ArrivalJitterMs);
            if (gap < least)
            {
                return new CaseVerdict(false, "no backoff",
                    $"try {k + 1} went out {gap:0} ms after try {k}: with a first timeout of {c.FirstTimeoutMs} ms doubled after every try, it should wait about {wait:0} ms");
            }
        }

        if (outcome?["timedOut"] is not null)
        {
            return Outcomes.Judge(outcome, null, null);
        }

        if (c.Drop >= c.Tries)
        {
            if (count != c.Tries)
            {
                return new CaseVerdict(false, "wrong tries", $"the server never answers: expected exactly {c.Tries} tries, saw {count}");
            }

            return thrown switch
            {
                null => new CaseVerdict(false, "no exception", $"the server never answers: expected a TimeoutException after {c.Tries} tries, got \"{result}\""),
                var (_, message) when ThrewA(outcome, nameof(TimeoutException)) && TriesNamed(c.Tries).IsMatch(message) => CaseVerdict.Pass,
                var (_, message) when ThrewA(outcome, nameof(TimeoutException)) =>
                    new CaseVerdict(false, "tries not named", $"threw TimeoutException \"{message}\": the message should say how many tries were made ({c.Tries})"),
                var (type, message) => new CaseVerdict(false, $"threw {type}", $"the server never answers: expected a TimeoutException after {c.Tries} tries, threw {type}: {message}"),
            };
        }

        var expected = c.Text.ToUpperInvariant();
        if (thrown is var (thrownType, thrownMessage))
        {
            return new CaseVerdict(false, $"threw {thrownType}", $"the server answered try {c.Drop + 1}, but the request threw {thrownType}: {thrownMessage} (after {count} tries)");
        }

        return result == expected ? CaseVerdict.Pass
            : c.StaleFirst && result == Stale ? new CaseVerdict(false, "stale reply", $"returned \"{result}\", a reply carrying id {StaleId(c.Id)}: a request with id {c.Id} must ignore replies with another id")
            : new CaseVerdict(false, "wrong value", $"expected \"{expected}\", got \"{result}\"");
    }

    private static ushort StaleId(ushort id) => (ushort)(id ^ 0x8000);

    private static string? Problem(RetryCase c, byte[] datagram)
    {
        if (datagram.Length < 2)
        {
            return $"sent a {datagram.Length}-byte datagram: a request starts with a 2-byte id";
        }

        var id = BinaryPrimitives.ReadUInt16BigEndian(datagram);
        if (id != c.Id)
        {
            return $"the request began {datagram[0]:x2} {datagram[1]:x2}: id {c.Id} in network byte order (big-endian) is {c.Id >> 8:x2} {c.Id & 0xff:x2}";
        }

        var text = Encoding.UTF8.GetString(datagram, 2, datagram.Length - 2);
        return text == c.Text ? null : $"the request's text was \"{text}\", expected \"{c.Text}\"";
    }

    private static Regex TriesNamed(int tries) => new($@"(?<!\d){tries}(?!\d)");

    private static byte[] Reply(ushort id, string text)
    {
        var reply = new byte[2 + Encoding.UTF8.GetByteCount(text)];
        BinaryPrimitives.WriteUInt16BigEndian(reply, id);
        Encoding.UTF8.GetBytes(text, reply.AsSpan(2));
        return reply;
    }
}
