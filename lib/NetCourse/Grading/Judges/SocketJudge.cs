using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace NetCourse;

/// <summary>
/// The judge of a socket exercise: library code that plays the other end of the learner's server or client and says
/// whether each case behaved. In the notebook it runs beside the learner's code for practice; at grading the course
/// command runs the same judge outside the notebook's process and looks only at what it saw on the wire.
/// </summary>
public abstract class SocketJudge
{
    private protected SocketJudge(string exercise) => Exercise = exercise;

    /// <summary>The exercise id this judge belongs to.</summary>
    public string Exercise { get; }

    /// <summary>True when the learner writes the server and the judge connects to it; false when the learner writes the client.</summary>
    internal abstract bool LearnerServes { get; }

    /// <summary>How long one case may take.</summary>
    internal virtual TimeSpan CaseTimeout => TimeSpan.FromSeconds(5);

    /// <summary>The judge's side of one case against the learner's server at <paramref name="learner"/>: what it saw, as JSON.</summary>
    internal abstract Task<JsonNode?> VisitAsync(JsonNode? input, IPEndPoint learner, CancellationToken cancellationToken);

    /// <summary>
    /// True when the judge's server for a learner's client watches everything the client does until it is done (several
    /// connections or datagrams), so that what it saw is complete once its owner is stopped; false when it serves one exchange.
    /// </summary>
    internal virtual bool WatchesUntilDone => false;

    /// <summary>Starts the judge's server for a learner's client: its end point, and what it saw once the client is done.</summary>
    internal abstract Task<JudgeServer> ServeAsync(JsonNode? input, CancellationToken cancellationToken);

    /// <summary>Judges a case from its input, what the judge saw and (for a client) what the learner's client returned.</summary>
    internal abstract CaseVerdict Judge(JsonNode? input, JsonNode? seen, JsonNode? outcome);

    /// <summary>Judges every case of one run; a judge may weigh cases against each other (see the UDP judge).</summary>
    internal virtual IReadOnlyList<CaseVerdict> JudgeAll(IReadOnlyList<JsonNode?> inputs, IReadOnlyList<JsonNode?> seen, IReadOnlyList<JsonNode?> outcomes) =>
        [.. inputs.Select((input, i) => Judge(input, seen.ElementAtOrDefault(i), outcomes.ElementAtOrDefault(i)))];

    /// <summary>Runs the judge's side of one case, turning a failure of the exchange into <c>{"error": "..."}</c>.</summary>
    internal async Task<JsonNode?> VisitSafelyAsync(JsonNode? input, IPEndPoint learner, CancellationToken cancellationToken)
    {
        try
        {
            return await Deadline.RunAsync($"case {ProbeJson.Show(input, 40)}", CaseTimeout,
                token => new ValueTask<JsonNode?>(VisitAsync(input, learner, token)), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or TimeoutException or IOException or InvalidOperationException)
        {
            return new JsonObject { ["error"] = e.Message };
        }
    }

    /// <summary>
    /// Once the learner's client is done, waits for what the judge's server saw, or <c>{"error": "..."}</c> when the client
    /// never came or the exchange failed: a server that watches until the client is done is stopped first; one that serves
    /// one exchange gets the full case timeout when <paramref name="waitFully"/>, else a second (the client already gave up).
    /// </summary>
    internal async Task<JsonNode?> SeenAsync(JudgeServer server, bool waitFully)
    {
        var wait = waitFully ? CaseTimeout : TimeSpan.FromSeconds(1);
        try
        {
            if (WatchesUntilDone)
            {
                await server.Owner.DisposeAsync().ConfigureAwait(false);
            }

            return await server.Seen.WaitAsync(wait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return new JsonObject { ["error"] = $"no client finished an exchange within {wait.TotalSeconds:0} s" };
        }
        catch (Exception e) when (e is SocketException or IOException or InvalidOperationException or OperationCanceledException)
        {
            return new JsonObject { ["error"] = e.Message };
        }
    }

    /// <summary>How long after a learner's client is done a judge waits for it to close a connection it made to the judge.</summary>
    private protected static TimeSpan CloseGrace { get; } = TimeSpan.FromMilliseconds(500);

    private protected static string? Error(JsonNode? seen) => (string?)seen?["error"];

    /// <summary>Text as a quoted JSON string, cut to 80 characters, for a verdict.</summary>
    private protected static string Shown(string text) => ProbeJson.Show(JsonValue.Create(text), 80);

    /// <summary>The verdict on a learner's stub (<see cref="NotImplementedException"/>), or null for any other outcome.</summary>
    private protected static CaseVerdict? Unfinished(JsonNode? outcome) =>
        (string?)outcome?["threw"] == nameof(NotImplementedException) ? Outcomes.Judge(outcome, null, null) : null;

    /// <summary>What the learner's code threw, from its outcome: the type's name and message, or null when it did not throw.</summary>
    private protected static (string Type, string Message)? Thrown(JsonNode? outcome) =>
        outcome?["threw"] is { } type ? ((string?)type ?? "an exception", (string?)outcome["message"] ?? "") : null;

    /// <summary>True when the learner's code threw <paramref name="type"/> or a type derived from it.</summary>
    private protected static bool ThrewA(JsonNode? outcome, string type) =>
        outcome?["types"] is JsonArray types && types.Any(t => (string?)t == type);
}

/// <summary>A judge's server for one case of a learner's client, in the notebook for practice or in the judge peer at grading.</summary>
/// <param name="EndPoint">Where the learner's client connects or sends: 127.0.0.1, a port the OS chose.</param>
/// <param name="Seen">What the judge saw, as JSON.</param>
/// <param name="Owner">Stops the server and whatever stands in front of it; stopping twice is harmless.</param>
/// <param name="Given">What the client is told besides the end point (19.1: the pin), or null.</param>
internal sealed record JudgeServer(IPEndPoint EndPoint, Task<JsonNode?> Seen, IAsyncDisposable Owner, JsonNode? Given = null);

/// <summary>A socket judge for a learner's <typeparamref name="TSubject"/> (a handler or a client) and cases of <typeparamref name="TCase"/>.</summary>
/// <typeparam name="TSubject">What the learner writes.</typeparam>
/// <typeparam name="TCase">One case's input.</typeparam>
public abstract class SocketJudge<TSubject, TCase> : SocketJudge
{
    private protected SocketJudge(string exercise)
        : base(exercise)
    {
    }

    /// <summary>Starts the learner's server with <paramref name="subject"/> on 127.0.0.1, port 0.</summary>
    internal virtual Task<IAsyncDisposable> StartLearnerAsync(TSubject subject, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"In exercise {Exercise} the learner writes a client, not a server.");

    /// <summary>The end point of a server started by <see cref="StartLearnerAsync"/>.</summary>
    internal virtual IPEndPoint EndPointOf(IAsyncDisposable server) => throw new NotSupportedException();

    /// <summary>
    /// Stops a server started by <see cref="StartLearnerAsync"/>; for practice, what it did wrong as a whole: its own
    /// exception (which explains the cases that failed on the wire) and a problem that fails every case (such as a late stop).
    /// </summary>
    internal virtual async Task<(Exception? Error, string? Problem)> StopLearnerAsync(IAsyncDisposable server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var error = server is TcpServer { HandlerErrors: [var first, ..] } ? first : null;
        await server.DisposeAsync().ConfigureAwait(false);
        return (error, null);
    }

    /// <summary>
    /// Runs the learner's client against the judge's server at <paramref name="judge"/>, which told it <paramref name="given"/>
    /// besides; returns what the client returned, as JSON.
    /// </summary>
    internal virtual Task<JsonNode?> CallAsync(TSubject subject, TCase input, IPEndPoint judge, JsonNode? given, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"In exercise {Exercise} the learner writes a server, not a client.");

    /// <inheritdoc/>
    internal override Task<JsonNode?> VisitAsync(JsonNode? input, IPEndPoint learner, CancellationToken cancellationToken) =>
        Visit(ProbeJson.FromNode<TCase>(input, $"A case of {Exercise}"), learner, cancellationToken);

    /// <inheritdoc/>
    internal override Task<JudgeServer> ServeAsync(JsonNode? input, CancellationToken cancellationToken) =>
        Serve(ProbeJson.FromNode<TCase>(input, $"A case of {Exercise}"), cancellationToken);

    /// <inheritdoc/>
    internal override CaseVerdict Judge(JsonNode? input, JsonNode? seen, JsonNode? outcome) =>
        Judge(ProbeJson.FromNode<TCase>(input, $"A case of {Exercise}"), seen, outcome);

    private protected virtual Task<JsonNode?> Visit(TCase input, IPEndPoint learner, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    private protected virtual Task<JudgeServer> Serve(TCase input, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    private protected abstract CaseVerdict Judge(TCase input, JsonNode? seen, JsonNode? outcome);

    /// <summary>A judge server that serves one connection with <paramref name="exchange"/> and reports what that returned.</summary>
    private protected async Task<JudgeServer> OneConnectionAsync(
        Func<Socket, CancellationToken, Task<JsonNode?>> exchange, CancellationToken cancellationToken)
    {
        var seen = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await TcpServer.StartAsync($"judge-{Exercise}-{Guid.NewGuid():N}", async (socket, token) =>
        {
            try
            {
                seen.TrySetResult(await exchange(socket, token).ConfigureAwait(false));
            }
            catch (Exception e)
            {
                seen.TrySetResult(new JsonObject { ["error"] = e.Message });
            }
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new JudgeServer(server.EndPoint, seen.Task, server);
    }

    /// <summary>
    /// A judge server on <paramref name="address"/> that a learner's client connects to and is watched until it is done:
    /// it sees <c>{"connections": n, "closed": true|false}</c>, closed meaning that the client closed its connection (FIN
    /// or reset) within <see cref="SocketJudge.CloseGrace"/> after the judge was told the client is done.
    /// </summary>
    private protected async Task<JudgeServer> WatchedServerAsync(IPAddress address, CancellationToken cancellationToken)
    {
        var closed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var live = await TcpServer.StartAsync($"judge-{Exercise}-{Guid.NewGuid():N}", async (socket, token) =>
        {
            try
            {
                // A client that connected and then closed sends FIN: the receive returns 0 (or fails on a reset).
                closed.TrySetResult(await SocketClient.ReceiveAsync(socket, new byte[64], CaseTimeout, token).ConfigureAwait(false) == 0);
            }
            catch (SocketException)
            {
                closed.TrySetResult(true);
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException)
            {
                closed.TrySetResult(false);
            }
        }, address, cancellationToken: cancellationToken).ConfigureAwait(false);
        var watch = new Watch(
            () => new JsonObject { ["connections"] = live.Accepted, ["closed"] = closed.Task.IsCompletedSuccessfully && closed.Task.Result },
            async () =>
            {
                await Task.WhenAny(closed.Task, Task.Delay(CloseGrace)).ConfigureAwait(false); // the client's FIN may still be on its way
                await live.DisposeAsync().ConfigureAwait(false);
            });
        return new JudgeServer(live.EndPoint, watch.Seen, watch);
    }

    /// <summary>
    /// Receives into <paramref name="received"/> until the peer closes (true; a reset counts as closing) or
    /// <paramref name="wait"/> ends first (false).
    /// </summary>
    private protected static async Task<bool> ReceiveUntilClosedAsync(Socket socket, List<byte> received, TimeSpan wait, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        try
        {
            return await Deadline.RunAsync("Receiving until the peer closes", wait, async token =>
            {
                int n;
                while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, token).ConfigureAwait(false)) > 0)
                {
                    received.AddRange(buffer.AsSpan(0, n));
                }

                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (SocketException)
        {
            return true; // a reset also ends the connection; the bytes received before it are judged
        }
    }

    /// <summary>
    /// A judge server on a UDP socket (127.0.0.1, port 0) that hands every datagram and its sender to <paramref name="handle"/>
    /// until it is stopped, then reports <paramref name="seen"/>.
    /// </summary>
    private protected static JudgeServer DatagramWatch(Func<Socket, byte[], IPEndPoint, CancellationToken, Task> handle, Func<JsonNode?> seen)
    {
        var socket = UdpClientSteps.Open();
        var stop = new CancellationTokenSource();
        var loop = DatagramLoop.RunAsync(socket, (datagram, from, token) => handle(socket, datagram, from, token), stop.Token);
        var watch = new Watch(seen, async () =>
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await loop.ConfigureAwait(false);
            socket.Dispose();
            stop.Dispose();
        });
        return new JudgeServer((IPEndPoint)socket.LocalEndPoint!, watch.Seen, watch);
    }

    /// <summary>
    /// The owner of a judge server that watches until the client is done: stopping it runs <paramref name="stop"/> once,
    /// then completes <see cref="Seen"/> with <paramref name="seen"/>.
    /// </summary>
    private protected sealed class Watch(Func<JsonNode?> seen, Func<Task> stop) : IAsyncDisposable
    {
        private readonly TaskCompletionSource<JsonNode?> _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _stopped;

        /// <summary>What the server saw, once it is stopped.</summary>
        public Task<JsonNode?> Seen => _seen.Task;

        /// <inheritdoc/>
        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _stopped, 1) != 0)
            {
                return;
            }

            try
            {
                await stop().ConfigureAwait(false);
                _seen.TrySetResult(seen());
            }
            catch (Exception e) when (e is SocketException or TimeoutException or ObjectDisposedException)
            {
                _seen.TrySetResult(new JsonObject { ["error"] = $"the judge's server did not stop cleanly: {e.Message}" });
            }
        }
    }
}
