using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace NetCourse;

/// <summary>
/// 16.1, a client that survives faults: the learner's <c>AskAsync(server, request, token)</c> sends one request line and
/// returns the reply line. A <c>GET</c> may be retried (on a new connection, at most 3 attempts in all); any other request
/// must not be sent twice. When it gives up, it throws an <see cref="IOException"/> whose message names the request. The
/// judge's server answers <c>GET x</c> with <c>VALUE x</c> and <c>ADD n</c> with the running total, each reply written in
/// two pieces, behind a <see cref="FaultProxy"/> applying the case's <see cref="ClientFault"/>; it counts the connections.
/// </summary>
internal sealed class RetryingClientJudge() : SocketJudge<Func<IPEndPoint, string, CancellationToken, Task<string>>, (string Request, ClientFault Fault)>("16.1")
{
    /// <summary>How long one call may take in all.</summary>
    internal static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(1.6);

    /// <summary>The most attempts a safe request may take.</summary>
    internal const int MaxAttempts = 3;

    internal override bool LearnerServes => false;

    internal override bool WatchesUntilDone => true;

    internal override TimeSpan CaseTimeout => CallLimit;

    internal override async Task<JsonNode?> CallAsync(
        Func<IPEndPoint, string, CancellationToken, Task<string>> subject, (string Request, ClientFault Fault) input, IPEndPoint judge, JsonNode? given, CancellationToken cancellationToken) =>
        ProbeJson.ToNode(await subject(judge, input.Request, cancellationToken).ConfigureAwait(false));

    /// <exception cref="ArgumentException">The request is empty or holds a newline.</exception>
    private protected override async Task<JudgeServer> Serve((string Request, ClientFault Fault) input, CancellationToken cancellationToken)
    {
        var (request, fault) = input;
        if (string.IsNullOrWhiteSpace(request) || request.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Request '{request}' must be one non-empty line.", nameof(input));
        }

        var total = 0;
        var received = 0;
        var server = await TcpServer.StartAsync($"judge-{Exercise}-{Guid.NewGuid():N}", async (s, ct) =>
        {
            await using var stream = new NetworkStream(s, ownsSocket: false);
            var line = await Deadline.RunAsync("the request line", CallLimit, async t => await new LineReader(stream).ReadAsync(t).ConfigureAwait(false), ct).ConfigureAwait(false);
            if (line is null)
            {
                return;
            }

            if (line == request)
            {
                Interlocked.Increment(ref received);
            }

            var reply = line.StartsWith("GET ", StringComparison.Ordinal) ? $"VALUE {line[4..]}"
                : line.StartsWith("ADD ", StringComparison.Ordinal) && int.TryParse(line[4..], out var n) ? $"TOTAL {Interlocked.Add(ref total, n)}"
                : "ERROR unknown request";
            var bytes = Encoding.UTF8.GetBytes(reply + "\n");
            await SocketClient.SendAllAsync(s, bytes.AsMemory(0, 3), CallLimit, ct).ConfigureAwait(false);
            await Task.Delay(30, ct).ConfigureAwait(false); // the reply arrives in two pieces
            await SocketClient.SendAllAsync(s, bytes.AsMemory(3), CallLimit, ct).ConfigureAwait(false);
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        var plan = fault switch
        {
            ClientFault.ResetFirst => new FaultPlan { ResetAfter = 3, OnlyFirst = 1 },
            ClientFault.SilentFirst => new FaultPlan { SilentAfter = 0, OnlyFirst = 1 },
            ClientFault.ResetAlways => new FaultPlan { ResetAfter = 3 },
            _ => FaultPlan.None,
        };
        var proxy = FaultProxy.Start(server.EndPoint, plan);
        var watch = new Watch(() => new JsonObject { ["connections"] = proxy.Connections, ["received"] = Volatile.Read(ref received) }, async () =>
        {
            await proxy.DisposeAsync().ConfigureAwait(false);
            await server.DisposeAsync().ConfigureAwait(false);
        });
        return new JudgeServer(proxy.EndPoint, watch.Seen, watch);
    }

    private protected override CaseVerdict Judge((string Request, ClientFault Fault) input, JsonNode? seen, JsonNode? outcome)
    {
        var (request, fault) = input;
        if (Unfinished(outcome) is { } stub)
        {
            return stub;
        }

        if (Error(seen) is { } error)
        {
            return new CaseVerdict(false, "no exchange", $"'{request}': {error}");
        }

        if (outcome?["timedOut"] is not null)
        {
            return new CaseVerdict(false, "timed out", $"'{request}' had no answer within {CallLimit.TotalSeconds:0.#} s: give every connect, send and receive of an attempt a deadline (0.5 s)");
        }

        var safe = request.StartsWith("GET ", StringComparison.Ordinal);
        var attempts = (int?)seen?["connections"] ?? 0;
        var expected = safe ? $"VALUE {request[4..]}"
            : request.StartsWith("ADD ", StringComparison.Ordinal) && int.TryParse(request[4..], out var added) ? $"TOTAL {added}"
            : "ERROR unknown request";
        var worksEventually = fault is ClientFault.None || safe && fault is not ClientFault.ResetAlways;
        if (!safe && attempts > 1)
        {
            return new CaseVerdict(false, "repeated", $"'{request}' is not safe to repeat, yet it was sent on {attempts} connections: the server may have run it {attempts} times");
        }

        if (attempts > MaxAttempts)
        {
            return new CaseVerdict(false, "too many attempts", $"'{request}' took {attempts} connections: at most {MaxAttempts} attempts in all");
        }

        if (safe && fault != ClientFault.None && attempts < 2)
        {
            return new CaseVerdict(false, "no retry", $"'{request}' is safe to retry, yet it was tried only once after its connection failed ({fault})");
        }

        var thrown = Thrown(outcome);
        var reply = (string?)outcome?["returned"];
        if (worksEventually)
        {
            if (thrown is var (type, message))
            {
                return new CaseVerdict(false, $"threw {type}",
                    $"'{request}' {(fault == ClientFault.None ? "with no fault" : $"with the first connection failing ({fault})")} should have been answered, but threw {type}: {message}");
            }

            return reply != expected
                ? new CaseVerdict(false, "wrong value", $"'{request}' should return \"{expected}\", got \"{reply}\" (the reply comes in pieces: read up to the newline, and leave the newline out)")
                : (int?)seen?["received"] > 0 ? CaseVerdict.Pass
                : new CaseVerdict(false, "no request", $"'{request}' returned \"{reply}\", but the server never received the request line");
        }

        return thrown is null ? new CaseVerdict(false, "no exception", $"'{request}' could not be answered ({fault}), yet it returned \"{reply}\" instead of throwing an IOException naming the request")
            : ThrewA(outcome, nameof(IOException)) && thrown.Value.Message.Contains(request, StringComparison.Ordinal) ? CaseVerdict.Pass
            : new CaseVerdict(false, $"threw {thrown.Value.Type}",
                $"'{request}' could not be answered ({fault}): expected an IOException whose message names '{request}', got {thrown.Value.Type}: {thrown.Value.Message}");
    }
}
