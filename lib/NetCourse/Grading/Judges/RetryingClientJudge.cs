using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NetCourse;

/// <summary>
/// Judges exercise 16.1, a client that survives faults: <c>AskAsync(server, request, token)</c> sends one request line
/// and returns the reply line. A <c>GET</c> may be retried (on a new connection, at most 3 attempts in all); any other
/// request must not be sent twice. When it gives up, it throws an <see cref="IOException"/> whose message names the request.
/// </summary>
public static class RetryingClientJudge
{
    /// <summary>How long one call may take in all.</summary>
    public static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(1.6);

    /// <summary>The most attempts a safe request may take.</summary>
    public const int MaxAttempts = 3;

    /// <summary>
    /// Runs <paramref name="ask"/> through a <see cref="FaultProxy"/> applying <c>Fault</c>, against a server that
    /// answers <c>GET x</c> with <c>VALUE x</c> and <c>ADD n</c> with the running total, each reply written in two pieces.
    /// Returns null when the client did the right thing, otherwise what it did wrong.
    /// </summary>
    /// <exception cref="ArgumentException">The request is empty or holds a newline.</exception>
    public static async Task<string?> JudgeAsync(Func<IPEndPoint, string, CancellationToken, Task<string>> ask, (string Request, ClientFault Fault) input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ask);
        var (request, fault) = input;
        if (string.IsNullOrWhiteSpace(request) || request.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Request '{request}' must be one non-empty line.", nameof(input));
        }

        var safe = request.StartsWith("GET ", StringComparison.Ordinal);
        var total = 0;
        await using var server = await TcpServer.StartAsync("judge-16.1", async (s, ct) =>
        {
            await using var stream = new NetworkStream(s, ownsSocket: false);
            var line = await Deadline.RunAsync("the request line", CallLimit, async t => await new LineReader(stream).ReadAsync(t).ConfigureAwait(false), ct).ConfigureAwait(false);
            if (line is null)
            {
                return;
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
        await using var proxy = FaultProxy.Start(server.EndPoint, plan);

        string? reply = null;
        Exception? error = null;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(CallLimit);
        var call = Task.Run(() => ask(proxy.EndPoint, request, limit.Token), CancellationToken.None);
        try
        {
            reply = await call.WaitAsync(CallLimit + TimeSpan.FromSeconds(0.1), cancellationToken).ConfigureAwait(false);
        }
        catch (NotImplementedException)
        {
            throw;
        }
        catch (Exception e) when (call.IsCompleted && !(e is OperationCanceledException && limit.IsCancellationRequested))
        {
            error = e;
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return $"'{request}' had no answer within {CallLimit.TotalSeconds:0.#} s: give every connect, send and receive of an attempt a deadline (0.5 s)";
        }

        var attempts = proxy.Connections;
        var expected = safe ? $"VALUE {request[4..]}"
            : request.StartsWith("ADD ", StringComparison.Ordinal) && int.TryParse(request[4..], out var added) ? $"TOTAL {added}"
            : "ERROR unknown request";
        var worksEventually = fault is ClientFault.None || safe && fault is not ClientFault.ResetAlways;
        if (!safe && attempts > 1)
        {
            return $"'{request}' is not safe to repeat, yet it was sent on {attempts} connections: the server may have run it {attempts} times";
        }

        if (attempts > MaxAttempts)
        {
            return $"'{request}' took {attempts} connections: at most {MaxAttempts} attempts in all";
        }

        if (safe && fault != ClientFault.None && attempts < 2)
        {
            return $"'{request}' is safe to retry, yet it was tried only once after its connection failed ({fault})";
        }

        if (worksEventually)
        {
            if (error is not null)
            {
                return $"'{request}' {(fault == ClientFault.None ? "with no fault" : $"with the first connection failing ({fault})")} should have been answered, but threw {error.GetType().Name}: {error.Message}";
            }

            return reply == expected ? null
                : $"'{request}' should return \"{expected}\", got \"{reply}\" (the reply comes in pieces: read up to the newline, and leave the newline out)";
        }

        return error is IOException io && io.Message.Contains(request, StringComparison.Ordinal) ? null
            : error is null ? $"'{request}' could not be answered ({fault}), yet it returned \"{reply}\" instead of throwing an IOException naming the request"
            : $"'{request}' could not be answered ({fault}): expected an IOException whose message names '{request}', got {error.GetType().Name}: {error.Message}";
    }
}
