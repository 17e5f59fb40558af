using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NetCourse;

/// <summary>
/// 14.2: the learner's client connects to the judge's server a number of times, one after the other, each connect with a
/// deadline, closes each connection and returns how long each connect took in milliseconds. The judge slows connects of
/// its choosing, unknown to the client: it fills its listener's accept queue just before such a connect, so that Linux drops
/// the connect's SYN, and makes room again half a second later, so that the SYN the client retransmits after its initial
/// retransmission timeout (1 s, RFC 6298) gets in. It checks that it saw every connection closed with a FIN and that the
/// durations reported say which connects it slowed. A case is a <see cref="HandshakeCase"/>. Linux only.
/// </summary>
internal sealed class HandshakeTimingJudge() : SocketJudge<Func<(IPEndPoint Server, int Count, TimeSpan PerAttempt), Task<double[]>>, HandshakeCase>("14.2")
{
    // A reported duration below this is a connect that found room; one at or above SlowAtLeastMs is one that waited for a retransmission.
    private const double FastBelowMs = 500;
    private const double SlowAtLeastMs = 800;

    // How long after the queue fills the judge keeps it full: the next connect's first SYN must come, and be dropped, by then.
    private static readonly TimeSpan Stall = TimeSpan.FromMilliseconds(500);

    // A connect that landed this long after the queue filled had its first SYN dropped (a retransmission comes 1 s after it).
    private static readonly TimeSpan SlowedAfter = TimeSpan.FromMilliseconds(750);

    // How much later than its deadlines a client may give up (scheduling, a loaded machine).
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(1500);

    internal override bool LearnerServes => false;

    internal override bool WatchesUntilDone => true;

    internal override TimeSpan CaseTimeout => TimeSpan.FromSeconds(10);

    /// <summary>
    /// Runs the client: <c>{"reported": [ms, ...], "ms": elapsed}</c>, or <c>{"threw": {...}, "ms": elapsed}</c> when it threw
    /// anything but <see cref="NotImplementedException"/> (the time matters for the connect that is never answered).
    /// </summary>
    internal override async Task<JsonNode?> CallAsync(
        Func<(IPEndPoint Server, int Count, TimeSpan PerAttempt), Task<double[]>> subject, HandshakeCase input, IPEndPoint judge, JsonNode? given,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var clock = Stopwatch.StartNew();
        try
        {
            var reported = await subject((judge, input.Connects, TimeSpan.FromMilliseconds(input.PerAttemptMs))).ConfigureAwait(false);
            return new JsonObject { ["reported"] = ProbeJson.ToNode(reported), ["ms"] = Math.Round(clock.Elapsed.TotalMilliseconds) };
        }
        catch (Exception e) when (e is not NotImplementedException)
        {
            return new JsonObject { ["threw"] = Outcomes.Threw(e), ["ms"] = Math.Round(clock.Elapsed.TotalMilliseconds) };
        }
    }

    /// <summary>
    /// Serves one case: <c>{"planned": [attempts to slow], "slowed": {"attempt": ms from full queue to arrival}, "closes": ["fin" | "reset" | "open", ...]}</c>,
    /// the closes in the order the connections arrived.
    /// </summary>
    private protected override async Task<JudgeServer> Serve(HandshakeCase input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var free = input.Connects - 1 - (input.LastUnanswered ? 1 : 0);
        if (input.Connects is < 1 or > 50 || input.Slowed < 0 || input.Slowed > free || input.PerAttemptMs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(input), input,
                $"Case {input}: 1 to 50 connects, of which 0 to {Math.Max(free, 0)} slowed (never the first, nor an unanswered last one), and a positive deadline.");
        }

        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException($"Exercise {Exercise} slows connects by filling an accept queue, which drops SYNs on Linux; this is {Environment.OSVersion}.");
        }

        var slowed = Enumerable.Range(2, free).OrderBy(_ => Random.Shared.Next()).Take(input.Slowed).Order();
        int[] special = [.. slowed, .. input.LastUnanswered ? [input.Connects] : Array.Empty<int>()];
        var queue = await SlowingQueue.StartAsync(input.Connects, special, input.LastUnanswered, cancellationToken).ConfigureAwait(false);
        var watch = new Watch(queue.Seen, () => queue.DisposeAsync().AsTask());
        return new JudgeServer(queue.EndPoint, watch.Seen, watch);
    }

    private protected override CaseVerdict Judge(HandshakeCase input, JsonNode? seen, JsonNode? outcome)
    {
        if (Unfinished(outcome) is { } stub)
        {
            return stub;
        }

        var what = $"{input.Connects} connects";
        if (Error(seen) is { } error)
        {
            return new CaseVerdict(false, "no exchange", $"{what}: {error}");
        }

        if (outcome?["timedOut"] is { } seconds)
        {
            return new CaseVerdict(false, "timed out", input.LastUnanswered
                ? $"{what}: did not finish within {seconds} s. Connect {input.Connects} never gets an answer, and a connect without a deadline of its own waits "
                    + "while Linux retransmits its SYN (1, 2, 4, ... s apart; tcp_syn_retries in tcp(7)), about two minutes"
                : $"{what}: did not finish within {seconds} s");
        }

        var returned = outcome?["returned"];
        var closes = (seen?["closes"] as JsonArray ?? []).Select(c => (string?)c ?? "open").ToList();
        var expectedConnections = input.LastUnanswered ? input.Connects - 1 : input.Connects;
        var thrown = returned?["threw"];
        var ms = (double?)returned?["ms"] ?? 0;
        if (input.LastUnanswered)
        {
            if (thrown is null)
            {
                return new CaseVerdict(false, "no exception", $"{what}: returned durations, but connect {input.Connects} never got an answer: "
                    + $"once its deadline passes, throw a TimeoutException that names attempt {input.Connects}");
            }

            var message = (string?)thrown["message"] ?? "";
            if (!ThrewA(thrown, nameof(TimeoutException)))
            {
                return new CaseVerdict(false, $"threw {(string?)thrown["threw"]}", $"{what}: threw {(string?)thrown["threw"]}: {message}; connect {input.Connects} "
                    + "got no answer within its deadline, which calls for a TimeoutException");
            }

            if (!new Regex($@"(?<!\d){input.Connects}(?!\d)").IsMatch(message))
            {
                return new CaseVerdict(false, "attempt not named", $"{what}: threw TimeoutException \"{message}\": say which connect got no answer ({input.Connects})");
            }
        }
        else if (thrown is not null)
        {
            return new CaseVerdict(false, $"threw {(string?)thrown["threw"]}", $"{what}: threw {(string?)thrown["threw"]}: {(string?)thrown["message"]}");
        }

        if (closes.Count != expectedConnections)
        {
            return new CaseVerdict(false, "connections", $"{what}: the server saw {closes.Count} connections, expected {expectedConnections}");
        }

        var unclosed = closes.FindIndex(c => c != "fin");
        if (unclosed >= 0)
        {
            return new CaseVerdict(false, "not closed", closes[unclosed] == "reset"
                ? $"{what}: connection {unclosed + 1} ended with a reset (RST), not a FIN: close each connection normally, without linger 0"
                : $"{what}: connection {unclosed + 1} was still open {CloseGrace.TotalSeconds:0.0} s after the function returned: close each connection before the next connect");
        }

        var slowed = seen?["slowed"] as JsonObject ?? [];
        bool Slowed(int attempt) => (double?)slowed[attempt.ToString(System.Globalization.CultureInfo.InvariantCulture)] >= SlowedAfter.TotalMilliseconds;
        if (input.LastUnanswered)
        {
            var most = Enumerable.Range(1, input.Connects - 1).Count(Slowed) * 1000 + input.PerAttemptMs + Slack.TotalMilliseconds;
            return ms < 0.9 * input.PerAttemptMs
                ? new CaseVerdict(false, "gave up early", $"{what}: gave up after {ms:0} ms in all, before connect {input.Connects}'s deadline of {input.PerAttemptMs} ms")
                : ms > most
                ? new CaseVerdict(false, "too slow", $"{what}: gave up after {ms:0} ms in all; connect {input.Connects} should have given up after its own deadline of "
                    + $"{input.PerAttemptMs} ms")
                : CaseVerdict.Pass;
        }

        var reported = (returned?["reported"] as JsonArray ?? []).Select(v => v is JsonValue value && value.TryGetValue<double>(out var d) ? d : double.NaN).ToList();
        if (returned?["reported"] is not JsonArray || reported.Count != input.Connects)
        {
            return new CaseVerdict(false, "wrong count", $"{what}: returned {(returned?["reported"] is JsonArray ? reported.Count : 0)} durations, one per connect expected");
        }

        for (var attempt = 1; attempt <= input.Connects; attempt++)
        {
            var value = reported[attempt - 1];
            if (Slowed(attempt) && !(value >= SlowAtLeastMs && value <= input.PerAttemptMs + Slack.TotalMilliseconds))
            {
                return new CaseVerdict(false, "wrong duration", $"{what}: connect {attempt} was slowed (its first SYN met a full queue and was dropped, and the SYN "
                    + $"retransmitted after 1 s got in), so it took about 1000 ms, but you reported {value:0.###} ms: time the connect call itself, in milliseconds");
            }

            if (!Slowed(attempt) && !(value is >= 0 and < FastBelowMs))
            {
                return new CaseVerdict(false, "wrong duration", $"{what}: connect {attempt} found room in the queue and took well under {FastBelowMs:0} ms, but you "
                    + $"reported {value:0.###} ms: time the connect call alone, in milliseconds");
            }
        }

        return CaseVerdict.Pass;
    }

    /// <summary>
    /// The judge's listener for one case and the connections that fill its accept queue. Before each connect in
    /// <c>special</c> it lets the client's connects fill the queue (with fillers of its own making up the rest), keeps it full
    /// for <see cref="Stall"/> so that the connect's SYN is dropped, then empties it and sets the room for the connects that
    /// follow; an unanswered last connect meets a queue that stays full.
    /// </summary>
    private sealed class SlowingQueue : IAsyncDisposable
    {
        private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(2);
        private static readonly TimeSpan FillerConnect = TimeSpan.FromMilliseconds(300);

        private readonly Socket _listener;
        private readonly int _capacity;
        private readonly int[] _special;
        private readonly bool _lastUnanswered;
        private readonly Dictionary<int, Socket> _fillers = [];
        private readonly List<Socket> _accepted = [];
        private readonly List<Task<string>> _closes = [];
        private readonly Dictionary<int, double> _slowed = [];
        private readonly CancellationTokenSource _stop = new();
        private readonly CancellationTokenSource _closeWait = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private int _learnerAccepted;
        private string? _failure;
        private (int Attempt, TimeSpan Full)? _pending;
        private Task _run = Task.CompletedTask;

        private SlowingQueue(Socket listener, int capacity, int[] special, bool lastUnanswered)
        {
            _listener = listener;
            _capacity = capacity;
            _special = special;
            _lastUnanswered = lastUnanswered;
        }

        public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

        public static async Task<SlowingQueue> StartAsync(int connects, int[] special, bool lastUnanswered, CancellationToken cancellationToken)
        {
            var listener = Listeners.Listen(IPAddress.Loopback, backlog: connects);
            var queue = new SlowingQueue(listener, QueueLength(listener).Limit + 1, special, lastUnanswered); // Linux queues backlog + 1 connections
            try
            {
                await queue.FillAsync(special.Length > 0 ? special[0] : null, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await queue.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            queue._run = queue.RunAsync(queue._stop.Token);
            return queue;
        }

        public JsonObject Seen() => _failure is { } failure ? new JsonObject { ["error"] = failure } : new JsonObject
        {
            ["planned"] = new JsonArray([.. _special.Select(a => (JsonNode?)a)]),
            ["slowed"] = new JsonObject(_slowed.Select(s => KeyValuePair.Create(s.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), (JsonNode?)Math.Round(s.Value)))),
            ["closes"] = new JsonArray([.. _closes.Select(c => (JsonNode?)(c.IsCompletedSuccessfully ? c.Result : "open"))]),
        };

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _run.ConfigureAwait(false);
            if (_pending is var (attempt, full) && _failure is null && Arrived() >= attempt)
            {
                _slowed[attempt] = (_clock.Elapsed - full).TotalMilliseconds; // it arrived just before the client was done
            }

            try
            {
                await DrainAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or TimeoutException)
            {
                _failure ??= $"the judge could not empty its accept queue: {e.Message}";
            }

            await Task.WhenAny(Task.WhenAll(_closes), Task.Delay(CloseGrace)).ConfigureAwait(false);
            await _closeWait.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(_closes).ConfigureAwait(false);
            foreach (var socket in _accepted.Concat(_fillers.Values))
            {
                socket.Dispose();
            }

            _listener.Dispose();
            _stop.Dispose();
            _closeWait.Dispose();
        }

        private async Task RunAsync(CancellationToken token)
        {
            try
            {
                for (var i = 0; i < _special.Length; i++)
                {
                    var attempt = _special[i];
                    await ArrivedAsync(attempt - 1, token).ConfigureAwait(false);
                    var full = _clock.Elapsed;
                    if (_lastUnanswered && i == _special.Length - 1)
                    {
                        return; // the queue stays full: this connect's SYNs are all dropped
                    }

                    await Task.Delay(Stall, token).ConfigureAwait(false);
                    await DrainAsync(token).ConfigureAwait(false);
                    await FillAsync(i + 1 < _special.Length ? _special[i + 1] : null, token).ConfigureAwait(false);
                    _pending = (attempt, full);
                    await ArrivedAsync(attempt, token).ConfigureAwait(false);
                    _slowed[attempt] = (_clock.Elapsed - full).TotalMilliseconds;
                    _pending = null;
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // The client is done.
            }
            catch (Exception e) when (e is SocketException or TimeoutException or ObjectDisposedException)
            {
                _failure = $"the judge's accept queue failed: {e.Message}";
            }
        }

        // The client's connections that have arrived: those accepted and those still in the queue.
        private int Arrived() => _learnerAccepted + QueueLength(_listener).Queued - _fillers.Count;

        private async Task ArrivedAsync(int count, CancellationToken token)
        {
            while (Arrived() < count)
            {
                await Task.Delay(Poll, token).ConfigureAwait(false);
            }
        }

        // Leaves room for exactly the client's connects before the next special one (none: room for all), filling the rest.
        private async Task FillAsync(int? next, CancellationToken token)
        {
            var fillers = next is { } n ? Math.Clamp(_capacity - (n - 1 - Arrived()), 0, _capacity) : 0;
            for (var i = 0; i < fillers; i++)
            {
                var socket = await SocketClient.ConnectAsync(_listener.LocalEndPoint!, FillerConnect, token).ConfigureAwait(false);
                socket.LingerState = new LingerOption(true, 0);
                _fillers[((IPEndPoint)socket.LocalEndPoint!).Port] = socket;
            }
        }

        // Accepts everything queued: fillers are closed, the client's connections are watched for their FIN.
        private async Task DrainAsync(CancellationToken token)
        {
            while (QueueLength(_listener).Queued > 0)
            {
                var socket = await Deadline.RunAsync("Emptying the judge's accept queue", TimeSpan.FromSeconds(1), ct => _listener.AcceptAsync(ct), token).ConfigureAwait(false);
                if (_fillers.Remove(((IPEndPoint)socket.RemoteEndPoint!).Port, out var filler))
                {
                    filler.Dispose();
                    socket.Dispose();
                    continue;
                }

                _learnerAccepted++;
                _accepted.Add(socket);
                _closes.Add(ClosedAsync(socket, _closeWait.Token));
            }
        }

        // "fin" when the client closed its side, "reset" when it reset the connection, "open" when neither happened in time.
        private static async Task<string> ClosedAsync(Socket socket, CancellationToken token)
        {
            var buffer = new byte[256];
            try
            {
                while (await socket.ReceiveAsync(buffer, SocketFlags.None, token).ConfigureAwait(false) > 0)
                {
                    // Bytes the client sent are not part of the exercise; its FIN still ends the connection.
                }

                return "fin";
            }
            catch (SocketException)
            {
                return "reset";
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return "open";
            }
        }

        // TCP_INFO of a listening socket (Linux): tcpi_unacked holds the accept queue's length, tcpi_sacked its backlog.
        private static (int Queued, int Limit) QueueLength(Socket listener)
        {
            Span<byte> info = stackalloc byte[104];
            var length = listener.GetRawSocketOption((int)SocketOptionLevel.Tcp, 11, info);
            return length >= 32
                ? (BitConverter.ToInt32(info[24..]), BitConverter.ToInt32(info[28..]))
                : throw new PlatformNotSupportedException($"TCP_INFO of a listening socket gave {length} bytes; the judge of 14.2 needs Linux's.");
        }
    }
}
