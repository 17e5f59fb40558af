using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace NetCourse;

/// <summary>
/// 05.2: the learner's client tries candidate end points in order, each with its own deadline, and returns the first that
/// accepts a connection (closing that connection). A case is the order of the candidates, as letters: S a port that never
/// answers (a full accept queue on [::1], or 127.0.0.2 without IPv6), R a refusing 127.0.0.1 port, L the judge's live
/// server; and the per-attempt deadline in milliseconds. The judge checks the answer, that the live server saw exactly one
/// connection, closed by the client, and that the time taken shows each stalled candidate was given its deadline and no more.
/// </summary>
internal sealed class TryEachJudge() : SocketJudge<Func<(IPEndPoint[] Candidates, TimeSpan PerAttempt), Task<IPEndPoint>>, (string Order, int PerAttemptMs)>("05.2")
{
    // How much later than the sum of the stalled candidates' deadlines a client may finish (scheduling, a loaded machine).
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(1500);

    internal override bool LearnerServes => false;

    internal override async Task<JsonNode?> CallAsync(
        Func<(IPEndPoint[] Candidates, TimeSpan PerAttempt), Task<IPEndPoint>> subject, (string Order, int PerAttemptMs) input, IPEndPoint judge, JsonNode? given,
        CancellationToken cancellationToken)
    {
        using var stalled = input.Order.Contains('S', StringComparison.Ordinal) ? await StalledListener.StartPreferringIPv6Async(cancellationToken).ConfigureAwait(false) : null;
        var refused = Listeners.ClosedPort(IPAddress.Loopback);
        var candidates = input.Order.Select(letter => letter switch
        {
            'S' => stalled!.EndPoint,
            'R' => refused,
            'L' => judge,
            _ => throw new InvalidDataException($"Candidate letter '{letter}' in \"{input.Order}\" is not S, R or L."),
        }).ToArray();
        var clock = Stopwatch.StartNew();
        var answered = await subject((candidates, TimeSpan.FromMilliseconds(input.PerAttemptMs))).ConfigureAwait(false);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        var index = Array.FindIndex(candidates, c => c.Equals(answered));
        return new JsonObject { ["answered"] = index < 0 ? (answered?.ToString() ?? "null") : input.Order[index].ToString(), ["ms"] = Math.Round(elapsed) };
    }

    internal override bool WatchesUntilDone => true;

    private protected override Task<JudgeServer> Serve((string Order, int PerAttemptMs) input, CancellationToken cancellationToken) =>
        WatchedServerAsync(IPAddress.Loopback, cancellationToken);

    private protected override CaseVerdict Judge((string Order, int PerAttemptMs) input, JsonNode? seen, JsonNode? outcome)
    {
        var order = Describe(input.Order);
        var verdict = Outcomes.Judge(outcome, null, null);
        if (outcome?["returned"] is not JsonObject returned)
        {
            return verdict.Kind == "timed out"
                ? new CaseVerdict(false, "timed out", $"{order}: did not finish within {(double?)outcome?["timedOut"]} s; a connect to a port that never answers waits "
                    + "far longer than that unless the attempt has its own deadline")
                : new CaseVerdict(false, verdict.Kind, $"{order}: {verdict.Detail}");
        }

        var answered = (string?)returned["answered"] ?? "";
        if (answered != "L")
        {
            return new CaseVerdict(false, "wrong end point", $"{order}: returned {Name(answered)}, but only the live server accepts connections");
        }

        var connections = (int?)seen?["connections"] ?? 0;
        if (Error(seen) is { } error)
        {
            return new CaseVerdict(false, "no exchange", $"{order}: {error}");
        }

        if (connections != 1)
        {
            return new CaseVerdict(false, "connections", $"{order}: the live server saw {connections} connections, not exactly one");
        }

        if ((bool?)seen?["closed"] != true)
        {
            return new CaseVerdict(false, "left open", $"{order}: the connection to the live server was still open {CloseGrace.TotalSeconds:0.0} s after the function returned; close it once you know it answered");
        }

        var stalledBefore = input.Order[..input.Order.IndexOf('L', StringComparison.Ordinal)].Count(c => c == 'S');
        var least = stalledBefore * input.PerAttemptMs * 0.9;
        var most = stalledBefore * input.PerAttemptMs + Slack.TotalMilliseconds;
        var ms = (double?)returned["ms"] ?? 0;
        return ms < least
            ? new CaseVerdict(false, "too fast", $"{order}: answered after {ms:0} ms, but {stalledBefore} silent candidate(s) come first and each may give up only after its "
                + $"{input.PerAttemptMs} ms deadline: try the candidates one after the other, in order")
            : ms > most
            ? new CaseVerdict(false, "too slow", $"{order}: answered after {ms:0} ms; {stalledBefore} silent candidate(s) with {input.PerAttemptMs} ms each should take "
                + $"about {stalledBefore * input.PerAttemptMs} ms: give each attempt its own deadline of PerAttempt")
            : CaseVerdict.Pass;
    }

    private static string Describe(string order) => $"candidates {string.Join(", ", order.Select(c => Name(c.ToString())))}";

    private static string Name(string letter) => letter switch
    {
        "S" => "silent",
        "R" => "refusing",
        "L" => "live",
        _ => $"\"{letter}\" (not a candidate)",
    };
}
