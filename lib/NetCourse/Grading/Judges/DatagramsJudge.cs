using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace NetCourse;

/// <summary>
/// 10.2: the learner's UDP client sends one request datagram and collects the replies, one datagram per receive, until it
/// has <c>Count</c> of them or its deadline for the whole collection passes. The judge is the server: it answers the first
/// request with datagrams of the case's sizes (empty, 1 byte, up to 65,507 bytes) filled with random bytes, and compares
/// what the client returned, datagram by datagram (length and SHA-256), and when it returned.
/// A case is (sizes sent, Count asked for, deadline in milliseconds).
/// </summary>
internal sealed class DatagramsJudge() : SocketJudge<Func<(IPEndPoint Server, string Request, int Count, TimeSpan Deadline), Task<byte[][]>>, (int[] Sizes, int Count, int DeadlineMs)>("10.2")
{
    /// <summary>What the learner's client sends to ask for the datagrams.</summary>
    internal const string Request = "SEND";

    // The largest UDP payload over IPv4: 65,535 (the IPv4 total length) - 20 (IP header) - 8 (UDP header).
    private const int MaxDatagram = 65_507;

    // How much later than its deadline a client may return (scheduling, a loaded machine).
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(1000);

    // A pause between the datagrams sent, so that a client that is reading keeps its receive buffer from filling.
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(5);

    internal override bool LearnerServes => false;

    internal override bool WatchesUntilDone => true;

    internal override async Task<JsonNode?> CallAsync(
        Func<(IPEndPoint Server, string Request, int Count, TimeSpan Deadline), Task<byte[][]>> subject, (int[] Sizes, int Count, int DeadlineMs) input, IPEndPoint judge,
        JsonNode? given, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var datagrams = await subject((judge, Request, input.Count, TimeSpan.FromMilliseconds(input.DeadlineMs))).ConfigureAwait(false);
        var ms = Math.Round(clock.Elapsed.TotalMilliseconds);
        return new JsonObject
        {
            ["datagrams"] = datagrams is null ? null : new JsonArray([.. datagrams.Select(d => d is null ? null : Digest(d))]),
            ["ms"] = ms,
        };
    }

    /// <summary>Serves one case: <c>{"requests": n, "problem": "what was wrong with the first bad request" | null, "sent": [{"length": n, "sha256": "..."}, ...]}</c>.</summary>
    private protected override Task<JudgeServer> Serve((int[] Sizes, int Count, int DeadlineMs) input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input.Sizes);
        foreach (var size in input.Sizes)
        {
            if (size is < 0 or > MaxDatagram)
            {
                throw new ArgumentOutOfRangeException(nameof(input), size, $"A datagram of {size} bytes cannot be sent over UDP/IPv4: sizes are 0 to {MaxDatagram}.");
            }
        }

        var replies = input.Sizes.Select(size => RandomNumberGenerator.GetBytes(size)).ToArray();
        var requests = 0;
        var answered = false;
        string? problem = null;
        var gate = new object();
        return Task.FromResult(DatagramWatch(async (socket, datagram, from, token) =>
        {
            var wrong = Encoding.UTF8.GetString(datagram) == Request ? null
                : $"the request was a {datagram.Length}-byte datagram \"{Encoding.UTF8.GetString(datagram, 0, Math.Min(datagram.Length, 40))}\", not \"{Request}\"";
            bool answer;
            lock (gate)
            {
                requests++;
                problem ??= wrong;
                answer = wrong is null && !answered;
                answered |= answer;
            }

            if (!answer)
            {
                return;
            }

            foreach (var reply in replies)
            {
                await socket.SendToAsync(reply, SocketFlags.None, from, token).ConfigureAwait(false);
                await Task.Delay(Pace, token).ConfigureAwait(false);
            }
        }, () =>
        {
            lock (gate)
            {
                return new JsonObject { ["requests"] = requests, ["problem"] = problem, ["sent"] = new JsonArray([.. replies.Select(r => (JsonNode?)Digest(r))]) };
            }
        }));
    }

    private protected override CaseVerdict Judge((int[] Sizes, int Count, int DeadlineMs) input, JsonNode? seen, JsonNode? outcome)
    {
        if (Unfinished(outcome) is { } stub)
        {
            return stub;
        }

        var sizes = $"[{string.Join(", ", input.Sizes)}]";
        if (Error(seen) is { } error)
        {
            return new CaseVerdict(false, "no exchange", $"sizes {sizes}: {error}");
        }

        if (((int?)seen?["requests"] ?? 0) == 0)
        {
            return outcome?["timedOut"] is not null ? Outcomes.Judge(outcome, null, null)
                : new CaseVerdict(false, "no request", $"sizes {sizes}: the server got no request; send \"{Request}\" as one datagram first");
        }

        if ((string?)seen?["problem"] is { } problem)
        {
            return new CaseVerdict(false, "malformed request", $"sizes {sizes}: {problem}");
        }

        var sent = (seen?["sent"] as JsonArray ?? []).Select(Sent).ToList();
        var expected = sent.Take(input.Count).ToList();
        if (outcome?["timedOut"] is { } seconds)
        {
            return new CaseVerdict(false, "timed out", expected.Count < input.Count
                ? $"sizes {sizes}: did not finish within {seconds} s; only {expected.Count} of the {input.Count} datagrams asked for came, and a receive with no deadline waits for ever: "
                    + $"give the whole collection its deadline of {input.DeadlineMs} ms and return what came by then"
                : $"sizes {sizes}: did not finish within {seconds} s, although all {input.Count} datagrams came");
        }

        if (Thrown(outcome) is var (type, message))
        {
            return new CaseVerdict(false, $"threw {type}", $"sizes {sizes}: threw {type}: {message}");
        }

        if (outcome?["returned"]?["datagrams"] is not JsonArray returned)
        {
            return new CaseVerdict(false, "wrong value", $"sizes {sizes}: returned null, not the datagrams");
        }

        var got = returned.Select(Sent).ToList();
        if (Mismatch(expected, got) is { } mismatch)
        {
            return new CaseVerdict(false, "wrong datagrams", $"sizes {sizes}, {input.Count} asked for: {mismatch}");
        }

        var ms = (double?)outcome?["returned"]?["ms"] ?? 0;
        return expected.Count < input.Count && ms < 0.8 * input.DeadlineMs
            ? new CaseVerdict(false, "gave up early", $"sizes {sizes}: returned after {ms:0} ms with {expected.Count} of {input.Count} datagrams; keep receiving until the "
                + $"{input.DeadlineMs} ms deadline, a late datagram may still come")
            : ms > input.DeadlineMs + Slack.TotalMilliseconds
            ? new CaseVerdict(false, "too slow", $"sizes {sizes}: returned after {ms:0} ms; the deadline of {input.DeadlineMs} ms is for the whole collection, not for each receive")
            : expected.Count == input.Count && ms >= 0.9 * input.DeadlineMs
            ? new CaseVerdict(false, "waited too long", $"sizes {sizes}: returned after {ms:0} ms, although all {input.Count} datagrams had come; stop as soon as you have Count of them")
            : CaseVerdict.Pass;
    }

    /// <summary>Why the datagrams returned are not the ones expected, or null when they are.</summary>
    private static string? Mismatch(List<(int Length, string Sha)> expected, List<(int Length, string Sha)> got)
    {
        var same = 0;
        while (same < expected.Count && same < got.Count && expected[same] == got[same])
        {
            same++;
        }

        if (same == expected.Count && same == got.Count)
        {
            return null;
        }

        var lengths = $"expected {expected.Count} datagrams of {Lengths(expected)} bytes, got {got.Count} of {Lengths(got)}";
        if (same == got.Count && expected[same].Length == 0)
        {
            return $"{lengths}: you stopped at datagram {same + 1}, which is empty. On UDP a datagram of 0 bytes is a message like any other; only on a TCP stream "
                + "does a receive of 0 bytes mean that the peer has closed";
        }

        if (same < got.Count && got.Count < expected.Count && got.Skip(same).Any(g => g.Length > expected[same].Length))
        {
            return $"{lengths}: datagram {same + 1} came back longer than it was sent; UDP keeps each datagram's boundaries, so return each receive as one datagram "
                + "and do not join them";
        }

        if (same < got.Count && same < expected.Count && got[same].Length < expected[same].Length)
        {
            return $"{lengths}: datagram {same + 1} was {expected[same].Length} bytes but you returned {got[same].Length} of them. A receive buffer smaller than the "
                + "datagram keeps only its first bytes and the rest is lost (on Linux without an error; recv(2), MSG_TRUNC): receive into a buffer as large as "
                + $"the largest UDP datagram, {MaxDatagram} bytes over IPv4";
        }

        if (same < got.Count && same < expected.Count && got[same].Length == expected[same].Length)
        {
            return $"{lengths}: datagram {same + 1} has the right length but not the bytes the server sent";
        }

        return lengths;
    }

    private static string Lengths(List<(int Length, string Sha)> datagrams) => $"[{string.Join(", ", datagrams.Select(d => d.Length))}]";

    private static (int Length, string Sha) Sent(JsonNode? node) => ((int?)node?["length"] ?? -1, (string?)node?["sha256"] ?? "");

    private static JsonObject Digest(byte[] datagram) => new() { ["length"] = datagram.Length, ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(datagram)) };
}
