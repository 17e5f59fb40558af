using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace NetCourse;

/// <summary>
/// Judges exercise 17.1, a UDP request with timeout, retransmission, backoff and a limit. The judge is the server: a
/// request is the id (2 bytes, big-endian) then the UTF-8 text; the reply is the same id then the text in upper case.
/// It ignores tries as the <see cref="RetryCase"/> says, times every try it receives, and checks the learner's result.
/// </summary>
public static partial class RetryJudge
{
    /// <summary>Runs one case against <paramref name="request"/>; null when it behaved, otherwise what went wrong.</summary>
    public static async Task<string?> JudgeAsync(
        Func<(IPEndPoint Server, ushort Id, string Text, int Tries, int FirstTimeoutMs), Task<string>> request, RetryCase c, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(c);
        using var server = UdpClientSteps.Open();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var arrivals = new List<(double Ms, byte[] Datagram)>();
        var serving = ServeAsync(server, c, arrivals, stop.Token);

        string? result = null;
        Exception? thrown = null;
        try
        {
            result = await request(((IPEndPoint)server.LocalEndPoint!, c.Id, c.Text, c.Tries, c.FirstTimeoutMs)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            thrown = e;
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await serving.ConfigureAwait(false);
        (double Ms, byte[] Datagram)[] tries;
        lock (arrivals)
        {
            tries = [.. arrivals];
        }

        return Verdict(c, tries, result, thrown);
    }

    // How much later one datagram may be seen than sent, on a busy machine, relative to the next one.
    private const double ArrivalJitterMs = 20;

    private static string? Verdict(RetryCase c, (double Ms, byte[] Datagram)[] tries, string? result, Exception? thrown)
    {
        if (tries.Length == 0)
        {
            return thrown is null ? $"returned \"{result}\" without sending a request" : $"sent no request, threw {thrown.GetType().Name}: {thrown.Message}";
        }

        if (tries.Select(t => Problem(c, t.Datagram)).FirstOrDefault(p => p is not null) is { } bad)
        {
            return bad;
        }

        for (var k = 1; k < tries.Length && k < c.Tries; k++)
        {
            var gap = tries[k].Ms - tries[k - 1].Ms;
            var wait = c.FirstTimeoutMs * Math.Pow(2, k - 1);
            var least = wait - Math.Max(0.2 * wait, ArrivalJitterMs);
            if (gap < least)
            {
                return $"try {k + 1} went out {gap:0} ms after try {k}: with a first timeout of {c.FirstTimeoutMs} ms doubled after every try, it should wait about {c.FirstTimeoutMs * Math.Pow(2, k - 1):0} ms";
            }
        }

        var answered = c.Drop < c.Tries;
        if (!answered)
        {
            if (tries.Length != c.Tries)
            {
                return $"the server never answers: expected exactly {c.Tries} tries, saw {tries.Length}";
            }

            return thrown switch
            {
                null => $"the server never answers: expected a TimeoutException after {c.Tries} tries, got \"{result}\"",
                TimeoutException t when TriesNamed(c.Tries).IsMatch(t.Message) => null,
                TimeoutException t => $"threw TimeoutException \"{t.Message}\": the message should say how many tries were made ({c.Tries})",
                _ => $"the server never answers: expected a TimeoutException after {c.Tries} tries, threw {thrown.GetType().Name}: {thrown.Message}",
            };
        }

        var expected = c.Text.ToUpperInvariant();
        if (thrown is not null)
        {
            return $"the server answered try {c.Drop + 1}, but the request threw {thrown.GetType().Name}: {thrown.Message} (after {tries.Length} tries)";
        }

        return result == expected ? null
            : c.StaleFirst && result == Stale ? $"returned \"{result}\", a reply carrying id {StaleId(c.Id)}: a request with id {c.Id} must ignore replies with another id"
            : $"expected \"{expected}\", got \"{result}\"";
    }

    private const string Stale = "STALE REPLY";

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

    private static Task ServeAsync(Socket server, RetryCase c, List<(double Ms, byte[] Datagram)> arrivals, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        return DatagramLoop.RunAsync(server, async (datagram, from, token) =>
        {
            int number;
            lock (arrivals)
            {
                arrivals.Add((clock.Elapsed.TotalMilliseconds, datagram));
                number = arrivals.Count;
            }

            var reply = Problem(c, datagram) is not null ? null
                : number > c.Drop ? Reply(c.Id, c.Text.ToUpperInvariant())
                : c.StaleFirst && number == 1 ? Reply(StaleId(c.Id), Stale)
                : null;
            if (reply is not null)
            {
                await server.SendToAsync(reply, SocketFlags.None, from, token).ConfigureAwait(false);
            }
        }, stop);
    }

    private static byte[] Reply(ushort id, string text)
    {
        var reply = new byte[2 + Encoding.UTF8.GetByteCount(text)];
        BinaryPrimitives.WriteUInt16BigEndian(reply, id);
        Encoding.UTF8.GetBytes(text, reply.AsSpan(2));
        return reply;
    }
}
