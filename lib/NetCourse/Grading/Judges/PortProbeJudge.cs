using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NetCourse;

/// <summary>
/// 07.3: the learner's <c>ProbeAsync(target, deadline)</c> says what one TCP connect to the target found, in nmap's words:
/// "open" (the handshake completed), "closed" (refused: connect(2) fails with ECONNREFUSED) or "filtered" (no answer
/// before the deadline), closing any connection it made. A case is the state the judge sets up (open: its live server;
/// closed: a port nothing listens on; filtered: a full accept queue that drops SYNs), the loopback address it is on
/// ("127.0.0.1" or "::1"), and the deadline in milliseconds. The judge checks the answer, that a filtered port cost its
/// deadline and not much more while the others were answered before theirs, and that the live server saw one connection,
/// closed by the client.
/// </summary>
internal sealed class PortProbeJudge() : SocketJudge<Func<IPEndPoint, TimeSpan, Task<string>>, (string State, string Address, int DeadlineMs)>("07.3")
{
    // How much later than its deadline a probe of a filtered port may finish (scheduling, a loaded machine).
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(1500);

    internal override bool LearnerServes => false;

    internal override bool WatchesUntilDone => true;

    internal override async Task<JsonNode?> CallAsync(
        Func<IPEndPoint, TimeSpan, Task<string>> subject, (string State, string Address, int DeadlineMs) input, IPEndPoint judge, JsonNode? given,
        CancellationToken cancellationToken)
    {
        if (given is JsonObject { } told && (string?)told["unavailable"] is { } why)
        {
            return new JsonObject { ["unavailable"] = why };
        }

        var target = given?.GetValueKind() == JsonValueKind.String ? IPEndPoint.Parse((string)given!) : judge;
        var clock = Stopwatch.StartNew();
        var state = await subject(target, TimeSpan.FromMilliseconds(input.DeadlineMs)).ConfigureAwait(false);
        return new JsonObject { ["state"] = state, ["ms"] = Math.Round(clock.Elapsed.TotalMilliseconds) };
    }

    private protected override async Task<JudgeServer> Serve((string State, string Address, int DeadlineMs) input, CancellationToken cancellationToken)
    {
        var address = input.Address switch
        {
            "127.0.0.1" => IPAddress.Loopback,
            "::1" => IPAddress.IPv6Loopback,
            _ => throw new InvalidDataException($"A case of {Exercise} is on \"{input.Address}\", not 127.0.0.1 or ::1."),
        };
        switch (input.State)
        {
            case "open":
                var live = await OnLoopbackAsync(address, a => WatchedServerAsync(a, cancellationToken)).ConfigureAwait(false);
                return live with { Given = live.EndPoint.ToString() };
            case "closed":
                var refusing = await OnLoopbackAsync(address, a => Task.FromResult(Listeners.ClosedPort(a))).ConfigureAwait(false);
                return Quiet(refusing, JsonValue.Create(refusing.ToString()), () => { });
            case "filtered":
                try
                {
                    var stalled = address.Equals(IPAddress.IPv6Loopback)
                        ? await StalledListener.StartPreferringIPv6Async(cancellationToken).ConfigureAwait(false)
                        : await StalledListener.StartAsync(address, cancellationToken).ConfigureAwait(false);
                    return Quiet(stalled.EndPoint, JsonValue.Create(stalled.EndPoint.ToString()), stalled.Dispose);
                }
                catch (InvalidOperationException e)
                {
                    // Windows refuses a connect to a full accept queue instead of dropping it: no port here stays silent.
                    return Quiet(new IPEndPoint(address, 0), new JsonObject { ["unavailable"] = e.Message }, () => { });
                }

            default:
                throw new InvalidDataException($"A case of {Exercise} sets up \"{input.State}\", not open, closed or filtered.");
        }
    }

    private protected override CaseVerdict Judge((string State, string Address, int DeadlineMs) input, JsonNode? seen, JsonNode? outcome)
    {
        var port = $"{(input.State == "open" ? "an" : "a")} {input.State} port on {input.Address}, deadline {input.DeadlineMs} ms";
        if (outcome?["returned"] is not JsonObject returned)
        {
            var verdict = Outcomes.Judge(outcome, null, null);
            return verdict.Kind switch
            {
                "timed out" => new CaseVerdict(false, "timed out", $"{port}: did not finish within {(double?)outcome?["timedOut"]} s; a connect to a port that "
                    + "never answers goes on resending its SYN for minutes unless it has a deadline of its own"),
                _ when Unfinished(outcome) is { } stub => stub,
                _ => new CaseVerdict(false, verdict.Kind, $"{port}: {verdict.Detail}; each way a connect can end is an answer: name its state and return it"),
            };
        }

        if ((string?)returned["unavailable"] is { } why)
        {
            return new CaseVerdict(false, "not checked here", $"{port}: not checked on this machine: {why}");
        }

        var state = (string?)returned["state"];
        if (state != input.State)
        {
            var truth = input.State switch
            {
                "open" => "the port accepted the connection: it is open",
                "closed" => "the port refused the connection (a RST; connect(2) fails with ECONNREFUSED): it is closed",
                _ => "nothing answered before the deadline: it is filtered",
            };
            return new CaseVerdict(false, "wrong state", $"{port}: returned {(state is null ? "null" : Shown(state))}, but {truth}");
        }

        var ms = (double?)returned["ms"] ?? 0;
        if (input.State == "filtered" && ms < input.DeadlineMs * 0.9)
        {
            return new CaseVerdict(false, "too fast", $"{port}: gave up after {ms:0} ms, before the deadline it was given");
        }

        if (input.State == "filtered" && ms > input.DeadlineMs + Slack.TotalMilliseconds)
        {
            return new CaseVerdict(false, "too slow", $"{port}: answered after {ms:0} ms; a silent port should cost its {input.DeadlineMs} ms deadline and not much more");
        }

        if (input.State != "filtered" && ms > input.DeadlineMs)
        {
            return new CaseVerdict(false, "too slow", $"{port}: answered after {ms:0} ms, but the port answered at once: return as soon as the connect ends");
        }

        if (input.State != "open")
        {
            return CaseVerdict.Pass;
        }

        if (Error(seen) is { } error)
        {
            return new CaseVerdict(false, "no exchange", $"{port}: {error}");
        }

        var connections = (int?)seen?["connections"] ?? 0;
        return connections != 1
            ? new CaseVerdict(false, "connections", $"{port}: the live server saw {connections} connections, not exactly one")
            : (bool?)seen?["closed"] != true
            ? new CaseVerdict(false, "left open", $"{port}: the connection was still open {CloseGrace.TotalSeconds:0.0} s after the function returned; close it once you know the port is open")
            : CaseVerdict.Pass;
    }

    // Starts something on wanted, or on 127.0.0.1 where this machine has no ::1.
    private static async Task<T> OnLoopbackAsync<T>(IPAddress wanted, Func<IPAddress, Task<T>> start)
    {
        if (wanted.AddressFamily == AddressFamily.InterNetworkV6)
        {
            try
            {
                return await start(wanted).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                // No IPv6 loopback here.
            }
        }

        return await start(IPAddress.Loopback).ConfigureAwait(false);
    }

    // A judge "server" that watches nothing: a refusing or silent port, which the client is told about in given.
    private static JudgeServer Quiet(IPEndPoint endPoint, JsonNode given, Action stop)
    {
        var watch = new Watch(() => new JsonObject(), () =>
        {
            stop();
            return Task.CompletedTask;
        });
        return new JudgeServer(endPoint, watch.Seen, watch, given);
    }
}
