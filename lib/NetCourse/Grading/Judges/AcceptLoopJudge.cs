using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace NetCourse;

/// <summary>
/// 15.1, an accept loop with a task per client: the learner's <c>ServeAsync(listener, token)</c> must echo every client's
/// bytes back and close when the client finishes sending, and serve many clients at once while one connected client stays
/// silent. A case is (clients at once, bytes each, pieces each). In practice it must also keep accepting until its token
/// is cancelled and return soon after; at grading it runs in the learner's kernel, where only the wire is judged.
/// </summary>
internal sealed class AcceptLoopJudge() : SocketJudge<Func<Socket, CancellationToken, Task>, (int Clients, int Bytes, int Pieces)>("15.1")
{
    /// <summary>How long every client may take, from its connect to the end of its echo.</summary>
    internal static readonly TimeSpan ClientLimit = TimeSpan.FromSeconds(1);

    /// <summary>How soon <c>ServeAsync</c> must return once cancelled (practice only).</summary>
    internal static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(0.5);

    internal override bool LearnerServes => true;

    internal override Task<IAsyncDisposable> StartLearnerAsync(Func<Socket, CancellationToken, Task> subject, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable>(new AcceptLoop(subject));

    internal override IPEndPoint EndPointOf(IAsyncDisposable server) => ((AcceptLoop)server).EndPoint;

    internal override async Task<(Exception? Error, string? Problem)> StopLearnerAsync(IAsyncDisposable server)
    {
        var loop = (AcceptLoop)server;
        await using (loop.ConfigureAwait(false))
        {
            if (loop.Serving.Exception?.InnerException is { } error)
            {
                return (error, Outcomes.Judge(Outcomes.Threw(error), null, null).Detail);
            }

            if (loop.Serving.IsCompleted)
            {
                return (null, "ServeAsync returned before it was cancelled: it must keep accepting clients until its token is cancelled");
            }

            return await loop.CancelAsync(StopLimit).ConfigureAwait(false) ? (null, null)
                : (null, $"ServeAsync did not return within {StopLimit.TotalSeconds:0.#} s of its token being cancelled: give the token to AcceptAsync");
        }
    }

    /// <summary>
    /// Connects one client that never sends, then <c>Clients</c> clients at once, each sending <c>Bytes</c> bytes in
    /// <c>Pieces</c> pieces 20 ms apart and half-closing: <c>{"clients": n, "failures": n, "first": "what went wrong first"}</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Clients is not 1-100, Bytes not 1-65536 or Pieces not 1-Bytes (and at most 10).</exception>
    private protected override async Task<JsonNode?> Visit((int Clients, int Bytes, int Pieces) input, IPEndPoint learner, CancellationToken cancellationToken)
    {
        var (clients, bytes, pieces) = input;
        if (clients is < 1 or > 100 || bytes is < 1 or > 65536 || pieces < 1 || pieces > Math.Min(bytes, 10))
        {
            throw new ArgumentOutOfRangeException(nameof(input), input, $"Case {input} needs 1-100 clients, 1-65536 bytes and 1-10 pieces (no more pieces than bytes).");
        }

        using var silent = await SocketClient.ConnectAsync(learner, ClientLimit, cancellationToken).ConfigureAwait(false);
        await Task.Delay(50, cancellationToken).ConfigureAwait(false); // the silent client is first in line
        var failures = (await Task.WhenAll(Enumerable.Range(0, clients).Select(i => ClientAsync(learner, i, bytes, pieces, cancellationToken))).ConfigureAwait(false))
            .OfType<string>().ToList();
        return new JsonObject { ["failures"] = failures.Count, ["first"] = failures.FirstOrDefault() };
    }

    private protected override CaseVerdict Judge((int Clients, int Bytes, int Pieces) input, JsonNode? seen, JsonNode? outcome)
    {
        if (Error(seen) is { } error)
        {
            return new CaseVerdict(false, "no exchange", $"{input.Clients} clients of {input.Bytes} bytes: {error}");
        }

        var failures = (int?)seen?["failures"] ?? input.Clients;
        return failures == 0 ? CaseVerdict.Pass
            : new CaseVerdict(false, "not served",
                $"{failures} of {input.Clients} clients were not served within {ClientLimit.TotalSeconds:0.#} s while one connected client stayed silent; first: {(string?)seen?["first"]}");
    }

    private static async Task<string?> ClientAsync(IPEndPoint server, int number, int bytes, int pieces, CancellationToken cancellationToken)
    {
        var message = Enumerable.Range(0, bytes).Select(i => (byte)('a' + (i + number) % 26)).ToArray();
        try
        {
            return await Deadline.RunAsync($"client {number + 1}", ClientLimit, async ct =>
            {
                using var socket = await SocketClient.ConnectAsync(server, ClientLimit, ct).ConfigureAwait(false);
                var size = (bytes + pieces - 1) / pieces;
                var echo = SocketClient.ReceiveUntilClosedAsync(socket, ClientLimit, bytes * 2, ct);
                for (var at = 0; at < bytes; at += size)
                {
                    if (at > 0)
                    {
                        await Task.Delay(20, ct).ConfigureAwait(false);
                    }

                    await SocketClient.SendAllAsync(socket, message.AsMemory(at, Math.Min(size, bytes - at)), ClientLimit, ct).ConfigureAwait(false);
                }

                socket.Shutdown(SocketShutdown.Send);
                var reply = await echo.ConfigureAwait(false);
                var got = reply.Length;
                return reply.AsSpan().SequenceEqual(message) ? null
                    : $"client {number + 1} sent {bytes} bytes in {pieces} piece(s) and got {got} back{(got == bytes ? ", but different ones" : "")} before the server closed";
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return $"client {number + 1} sent {bytes} bytes and had no complete echo and close within {ClientLimit.TotalSeconds:0.#} s";
        }
        catch (Exception e) when (e is SocketException or InvalidDataException)
        {
            return $"client {number + 1}: the connection broke ({e.Message}) before its {bytes} bytes came back";
        }
    }

    /// <summary>The learner's <c>ServeAsync</c> running on its own listener (127.0.0.1, port 0) until it is stopped.</summary>
    private sealed class AcceptLoop : IAsyncDisposable
    {
        private readonly Socket _listener = Listeners.Listen(IPAddress.Loopback, 128);
        private readonly CancellationTokenSource _stop = new();
        private int _disposed;

        public AcceptLoop(Func<Socket, CancellationToken, Task> serve)
        {
            EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
            Serving = Task.Run(() => serve(_listener, _stop.Token), CancellationToken.None);
        }

        public IPEndPoint EndPoint { get; }

        public Task Serving { get; }

        /// <summary>Cancels the token; true when <c>ServeAsync</c> returned (or threw) within <paramref name="limit"/>.</summary>
        public async Task<bool> CancelAsync(TimeSpan limit)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            return await Task.WhenAny(Serving, Task.Delay(limit)).ConfigureAwait(false) == Serving;
        }

        /// <summary>Cancels the token and closes the listener, which ends an accept that ignored the token.</summary>
        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            await _stop.CancelAsync().ConfigureAwait(false);
            _listener.Dispose();
            await Task.WhenAny(Serving, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
            if (Serving.IsCompleted)
            {
                _stop.Dispose(); // else the learner's code may still hold the token
            }
        }
    }
}
