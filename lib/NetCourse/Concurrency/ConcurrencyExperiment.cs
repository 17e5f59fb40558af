using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using XPlot.Plotly;

namespace NetCourse;

/// <summary>
/// Loads each <see cref="EchoModelServer"/> with N clients at once plus one slow client that connects first and never
/// sends, and records throughput and round-trip percentiles for every model and N (lesson 15).
/// </summary>
public sealed class ConcurrencyExperiment : ITabular
{
    /// <summary>The largest number of clients one run may use.</summary>
    public const int MaxClients = 1000;

    private ConcurrencyExperiment(IReadOnlyList<ConcurrencyPoint> points, int messages, TimeSpan idleTimeout)
    {
        Points = points;
        MessagesPerClient = messages;
        IdleTimeout = idleTimeout;
    }

    /// <summary>Every run, in the order they ran.</summary>
    public IReadOnlyList<ConcurrencyPoint> Points { get; }

    /// <summary>Round trips each client made.</summary>
    public int MessagesPerClient { get; }

    /// <summary>How long every server kept a silent client.</summary>
    public TimeSpan IdleTimeout { get; }

    /// <summary>The run for one model and client count.</summary>
    /// <exception cref="KeyNotFoundException">That pair was not run.</exception>
    public ConcurrencyPoint this[ServingModel model, int clients] =>
        Points.FirstOrDefault(p => p.Model == model && p.Clients == clients)
        ?? throw new KeyNotFoundException($"No run of {model} with {clients} clients; runs: {string.Join(", ", Points.Select(p => $"{p.Model}/{p.Clients}"))}.");

    /// <summary>
    /// Runs every model against every client count. Each client connects, then makes <paramref name="messages"/> round
    /// trips of 16 bytes; each run ends when every client is done or after <paramref name="runLimit"/>.
    /// </summary>
    /// <param name="clientCounts">Numbers of clients, each from 1 to <see cref="MaxClients"/>.</param>
    /// <param name="models">The models to run (default: all four).</param>
    /// <param name="messages">Round trips per client, 1-100.</param>
    /// <param name="idleTimeout">How long servers keep a silent client (default 1 s: long enough that a busy machine does not make a working client look silent).</param>
    /// <param name="runLimit">The most one run may take (default 10 s, at most 60 s).</param>
    /// <param name="cancellationToken">Stops the experiment.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count or time is out of range.</exception>
    public static async Task<ConcurrencyExperiment> RunAsync(
        int[] clientCounts, ServingModel[]? models = null, int messages = 10, TimeSpan? idleTimeout = null, TimeSpan? runLimit = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clientCounts);
        if (clientCounts.Length == 0 || clientCounts.Any(n => n is < 1 or > MaxClients))
        {
            throw new ArgumentOutOfRangeException(nameof(clientCounts), string.Join(", ", clientCounts), $"Client counts must be from 1 to {MaxClients}, and at least one is needed.");
        }

        if (messages is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(messages), messages, $"Messages per client {messages} must be from 1 to 100.");
        }

        var limit = runLimit ?? TimeSpan.FromSeconds(10);
        if (limit <= TimeSpan.Zero || limit > TimeSpan.FromSeconds(60))
        {
            throw new ArgumentOutOfRangeException(nameof(runLimit), limit, $"Run limit {limit} must be more than 0 and at most 60 s.");
        }

        var idle = idleTimeout ?? TimeSpan.FromSeconds(1);
        var points = new List<ConcurrencyPoint>();
        foreach (var clients in clientCounts)
        {
            foreach (var model in models ?? Enum.GetValues<ServingModel>())
            {
                points.Add(await RunOneAsync(model, clients, messages, idle, limit, cancellationToken).ConfigureAwait(false));
            }
        }

        return new ConcurrencyExperiment(points, messages, idle);
    }

    /// <summary>Throughput against the number of clients, one line per model.</summary>
    public PlotlyChart ThroughputChart() => Lines(
        $"Echoes per second with one slow client (each client makes {MessagesPerClient} round trips)", "echoes per second", p => p.Throughput, logY: false);

    /// <summary>The 99th-percentile round trip against the number of clients, one line per model.</summary>
    public PlotlyChart LatencyChart() => Lines(
        $"p99 round trip with one slow client (server idle timeout {IdleTimeout.TotalMilliseconds:0} ms)", "p99 round trip, ms (log scale)", p => p.P99Milliseconds, logY: true);

    /// <inheritdoc/>
    public HtmlTable ToTable()
    {
        var table = new HtmlTable("model", "clients", "served", "echoes", "seconds", "echoes/s", "p50 ms", "p99 ms", "threads the server started")
        {
            Caption = $"N clients at once plus one that never sends; {MessagesPerClient} round trips of 16 bytes per client",
        };
        foreach (var p in Points)
        {
            table.AddRow(p.Model, p.Clients, p.Served, p.Messages, F(p.Seconds, "0.00"), F(p.Throughput, "N0"), F(p.P50Milliseconds, "0.00"), F(p.P99Milliseconds, "0.00"), p.ServerThreads);
        }

        return table;
    }

    private PlotlyChart Lines(string title, string yTitle, Func<ConcurrencyPoint, double> value, bool logY)
    {
        var chart = Chart.Plot(Points.GroupBy(p => p.Model).Select(g => new Scatter
        {
            x = g.Select(p => p.Clients).ToArray(),
            y = g.Select(value).ToArray(),
            name = g.Key.ToString(),
            mode = "lines+markers",
        }));
        chart.WithLayout(new Layout.Layout
        {
            title = title,
            xaxis = new Xaxis { title = "clients at once (log scale)", type = "log" },
            yaxis = logY ? new Yaxis { title = yTitle, type = "log" } : new Yaxis { title = yTitle },
        });
        return chart;
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static async Task<ConcurrencyPoint> RunOneAsync(ServingModel model, int clients, int messages, TimeSpan idle, TimeSpan limit, CancellationToken cancellationToken)
    {
        await using var server = EchoModelServer.Start(model, idle);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        using var slow = await SocketClient.ConnectAsync(server.EndPoint, limit, cancellationToken).ConfigureAwait(false);
        while (server.Accepted == 0)
        {
            await Task.Delay(5, deadline.Token).ConfigureAwait(false); // the slow client is first in line
        }

        var clock = Stopwatch.StartNew();
        var runs = await Task.WhenAll(Enumerable.Range(0, clients).Select(i => ClientAsync(server.EndPoint, i, messages, deadline.Token))).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        var times = runs.SelectMany(r => r).Order().ToArray();
        return new ConcurrencyPoint(
            model, clients, runs.Count(r => r.Count == messages), times.Length, seconds,
            times.Length > 0 ? Percentiles.NearestRank(times, 50) : double.NaN,
            times.Length > 0 ? Percentiles.NearestRank(times, 99) : double.NaN,
            server.ThreadsStarted);
    }

    // The round trips (ms) this client completed before the deadline or a failure.
    private static async Task<List<double>> ClientAsync(IPEndPoint server, int number, int messages, CancellationToken deadline)
    {
        var times = new List<double>(messages);
        var message = new byte[16];
        BitConverter.TryWriteBytes(message, number);
        var reply = new byte[16];
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            var started = Stopwatch.GetTimestamp();
            await socket.ConnectAsync(server, deadline).ConfigureAwait(false);
            for (var i = 0; i < messages; i++)
            {
                await socket.SendAsync(message, SocketFlags.None, deadline).ConfigureAwait(false);
                for (var got = 0; got < reply.Length;)
                {
                    var n = await socket.ReceiveAsync(reply.AsMemory(got), SocketFlags.None, deadline).ConfigureAwait(false);
                    if (n == 0)
                    {
                        return times;
                    }

                    got += n;
                }

                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                started = Stopwatch.GetTimestamp();
            }

            socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            // Not served before the run's limit, or the server closed the connection.
        }

        return times;
    }
}
