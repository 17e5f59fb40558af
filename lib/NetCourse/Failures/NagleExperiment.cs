using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using XPlot.Plotly;

namespace NetCourse;

/// <summary>
/// Nagle's algorithm meeting delayed ACK: a client writes a small header, then a small body, then waits for a one-byte
/// reply, round after round; the server replies once it has both. Measured with the client's <c>NoDelay</c> off
/// (Nagle on) and on (lesson 16).
/// </summary>
public sealed class NagleExperiment : ITabular
{
    /// <summary>The header's size in bytes.</summary>
    public const int HeaderBytes = 8;

    /// <summary>The body's size in bytes.</summary>
    public const int BodyBytes = 32;

    private NagleExperiment(TimingSample nagle, TimingSample noDelay)
    {
        Nagle = nagle;
        NoDelay = noDelay;
    }

    /// <summary>Round trips in microseconds with NoDelay off: Nagle's algorithm on.</summary>
    public TimingSample Nagle { get; }

    /// <summary>Round trips in microseconds with NoDelay on (TCP_NODELAY).</summary>
    public TimingSample NoDelay { get; }

    /// <summary>Runs <paramref name="rounds"/> write-write-read rounds each way, on one connection each; every call has a 2 s deadline.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rounds are not from 1 to 200.</exception>
    public static async Task<NagleExperiment> RunAsync(int rounds = 40, CancellationToken cancellationToken = default)
    {
        if (rounds is < 1 or > 200)
        {
            throw new ArgumentOutOfRangeException(nameof(rounds), rounds, $"Rounds {rounds} must be from 1 to 200.");
        }

        var nagle = await RoundsAsync(noDelay: false, rounds, cancellationToken).ConfigureAwait(false);
        var noDelay = await RoundsAsync(noDelay: true, rounds, cancellationToken).ConfigureAwait(false);
        return new NagleExperiment(new TimingSample("NoDelay = false (Nagle on)", nagle), new TimingSample("NoDelay = true", noDelay));
    }

    /// <summary>Each round's time, both ways, in milliseconds.</summary>
    public PlotlyChart Chart()
    {
        var chart = XPlot.Plotly.Chart.Plot(new[] { Nagle, NoDelay }.Select(s => new Scatter
        {
            x = Enumerable.Range(1, s.Count).ToArray(),
            y = s.Values.Select(v => v / 1000).ToArray(),
            name = s.Label,
            mode = "lines+markers",
        }));
        chart.WithLayout(new Layout.Layout
        {
            title = $"Write {HeaderBytes} bytes, write {BodyBytes} bytes, read the reply: each round",
            xaxis = new Xaxis { title = "round" },
            yaxis = new Yaxis { title = "round trip, ms" },
        });
        return chart;
    }

    /// <inheritdoc/>
    public HtmlTable ToTable()
    {
        var table = new HtmlTable("client socket", "rounds", "p50 ms", "p99 ms", "rounds over 20 ms") { Caption = "Write-write-read round trips" };
        foreach (var s in new[] { Nagle, NoDelay })
        {
            table.AddRow(s.Label, s.Count, Ms(s.P50), Ms(s.P99), s.Values.Count(v => v > 20_000));
        }

        return table;
    }

    private static string Ms(double micros) => (micros / 1000).ToString("0.00", CultureInfo.InvariantCulture);

    private static async Task<List<double>> RoundsAsync(bool noDelay, int rounds, CancellationToken cancellationToken)
    {
        var limit = TimeSpan.FromSeconds(2);
        using var listener = Listeners.Listen(IPAddress.Loopback, 1);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = noDelay, SendTimeout = 2000 };
        await Deadline.RunAsync<bool>("connect", limit, async ct =>
        {
            await client.ConnectAsync(listener.LocalEndPoint!, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        using var server = await Deadline.RunAsync("accept", limit, ct => listener.AcceptAsync(ct), cancellationToken).ConfigureAwait(false);
        var serving = Task.Run(async () =>
        {
            for (var i = 0; i < rounds; i++)
            {
                await SocketClient.ReceiveExactlyAsync(server, HeaderBytes + BodyBytes, limit, cancellationToken).ConfigureAwait(false);
                await SocketClient.SendAllAsync(server, new byte[] { 1 }, limit, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken);
        var times = new List<double>(rounds);
        var header = new byte[HeaderBytes];
        var body = new byte[BodyBytes];
        var reply = new byte[1];
        for (var i = 0; i < rounds; i++)
        {
            var started = Stopwatch.GetTimestamp();
            client.Send(header); // two small writes...
            client.Send(body);
            await SocketClient.ReceiveExactlyAsync(client, 1, limit, cancellationToken).ConfigureAwait(false); // ...then a read
            times.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        }

        await serving.ConfigureAwait(false);
        return times;
    }
}
