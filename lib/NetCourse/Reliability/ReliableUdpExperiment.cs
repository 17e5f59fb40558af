using System.Globalization;
using System.Net;
using System.Net.Sockets;
using XPlot.Plotly;

namespace NetCourse;

/// <summary>
/// Sends the same messages at several loss rates three ways: plain UDP (each once), stop-and-wait over UDP (through a
/// seeded <see cref="UdpFaultProxy"/> that drops and delays in both directions) and TCP, one message and one
/// acknowledgement at a time, through a <see cref="FaultProxy"/> with the same round-trip delay. The TCP proxy
/// ends TCP on each side and forwards bytes, so it cannot drop a segment: the TCP row shows the delay, not loss.
/// </summary>
public sealed class ReliableUdpExperiment : ITabular
{
    private const int MessageSize = 32;

    private ReliableUdpExperiment(TimeSpan delay, int seed, StopAndWaitOptions options, IReadOnlyList<LossRateRow> rows)
    {
        Delay = delay;
        Seed = seed;
        Options = options;
        Rows = rows;
    }

    /// <summary>The one-way delay of both paths.</summary>
    public TimeSpan Delay { get; }

    /// <summary>The seed of every loss decision.</summary>
    public int Seed { get; }

    /// <summary>The stop-and-wait sender's timeouts and tries.</summary>
    public StopAndWaitOptions Options { get; }

    /// <summary>One row per loss rate, in the order given.</summary>
    public IReadOnlyList<LossRateRow> Rows { get; }

    /// <summary>
    /// Runs the experiment on loopback. Bounded: at most 10 loss rates below 0.9 and 200 messages, each transfer
    /// under 30 s.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A loss rate, the count or the delay is out of range.</exception>
    public static async Task<ReliableUdpExperiment> RunAsync(
        IReadOnlyList<double> lossRates, int messages = 20, TimeSpan? delay = null, int seed = 1, StopAndWaitOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lossRates);
        if (lossRates.Count is < 1 or > 10 || lossRates.Any(p => p is < 0 or >= 0.9 || double.IsNaN(p)))
        {
            throw new ArgumentOutOfRangeException(nameof(lossRates), string.Join(", ", lossRates), $"Loss rates [{string.Join(", ", lossRates)}] must be 1-10 values from 0 to below 0.9.");
        }

        if (messages is < 1 or > 200)
        {
            throw new ArgumentOutOfRangeException(nameof(messages), messages, $"Message count {messages} must be from 1 to 200.");
        }

        var oneWay = delay ?? TimeSpan.FromMilliseconds(5);
        if (oneWay < TimeSpan.Zero || oneWay > TimeSpan.FromMilliseconds(100))
        {
            throw new ArgumentOutOfRangeException(nameof(delay), oneWay, $"Delay {oneWay} must be from 0 to 100 ms.");
        }

        var plan = (options ?? new StopAndWaitOptions()).Validated();
        var payloads = Enumerable.Range(0, messages).Select(i => Enumerable.Repeat((byte)i, MessageSize).ToArray()).ToList();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(30 * lossRates.Count));
        // One untimed message each way first: the first run of each path pays for JIT compilation.
        await TcpAsync(payloads.GetRange(0, 1), oneWay, limit.Token).ConfigureAwait(false);
        await StopAndWaitAsync(payloads.GetRange(0, 1), new UdpFaultPlan { Delay = oneWay, Seed = seed }, plan, limit.Token).ConfigureAwait(false);
        var rows = new List<LossRateRow>();
        foreach (var loss in lossRates)
        {
            var faults = new UdpFaultPlan { Loss = loss, Delay = oneWay, Seed = seed };
            var once = await SendOnceAsync(payloads, faults, limit.Token).ConfigureAwait(false);
            var (result, receiver) = await StopAndWaitAsync(payloads, faults, plan, limit.Token).ConfigureAwait(false);
            var (tcpDelivered, tcpElapsed) = await TcpAsync(payloads, oneWay, limit.Token).ConfigureAwait(false);
            rows.Add(new LossRateRow(loss, messages, once, receiver.Delivered.Count, result.Transmissions, receiver.Duplicates, result.GaveUp,
                result.Elapsed, tcpDelivered, tcpElapsed));
        }

        return new ReliableUdpExperiment(oneWay, seed, plan, rows);
    }

    /// <summary>Messages delivered against the loss rate, for each way of sending.</summary>
    public PlotlyChart DeliveredChart()
    {
        var x = Rows.Select(r => r.Loss).ToArray();
        var chart = Chart.Plot(new[]
        {
            new Scatter { x = x, y = Rows.Select(r => r.SentOnceDelivered), name = "UDP, each sent once", mode = "lines+markers" },
            new Scatter { x = x, y = Rows.Select(r => r.StopAndWaitDelivered), name = "UDP, stop-and-wait", mode = "lines+markers" },
            new Scatter { x = x, y = Rows.Select(r => r.TcpDelivered), name = "TCP (delay only: the proxy cannot drop segments)", mode = "lines", line = new Line { dash = "dot" } }, // dotted, so stop-and-wait shows where both deliver everything
        });
        chart.WithLayout(new Layout.Layout
        {
            title = $"{Rows[0].Messages} messages delivered, by loss rate",
            xaxis = new Xaxis { title = "chance each datagram is lost, each direction" },
            yaxis = new Yaxis { title = "messages delivered", rangemode = "tozero" },
        });
        return chart;
    }

    /// <summary>Time to deliver every message against the loss rate, for stop-and-wait and TCP.</summary>
    public PlotlyChart TimeChart()
    {
        var x = Rows.Select(r => r.Loss).ToArray();
        var chart = Chart.Plot(new[]
        {
            new Scatter { x = x, y = Rows.Select(r => r.StopAndWaitElapsed.TotalMilliseconds), name = "UDP, stop-and-wait", mode = "lines+markers" },
            new Scatter { x = x, y = Rows.Select(r => r.TcpElapsed.TotalMilliseconds), name = "TCP (delay only)", mode = "lines+markers" },
        });
        chart.WithLayout(new Layout.Layout
        {
            title = $"Time for {Rows[0].Messages} messages, one at a time, {2 * Delay.TotalMilliseconds:0.#} ms round trip",
            xaxis = new Xaxis { title = "chance each datagram is lost, each direction" },
            yaxis = new Yaxis { title = "milliseconds", rangemode = "tozero" },
        });
        return chart;
    }

    /// <inheritdoc/>
    public HtmlTable ToTable()
    {
        var table = new HtmlTable("loss", "UDP once: delivered", "stop-and-wait: delivered", "datagrams sent", "duplicates discarded", "time", "TCP: delivered", "TCP time")
        {
            Caption = $"{Rows[0].Messages} messages of {MessageSize} bytes, {Delay.TotalMilliseconds:0.#} ms each way, seed {Seed}; first timeout {Options.InitialTimeout.TotalMilliseconds:0} ms, ×{Options.Backoff:0.#} per retry up to {Options.MaxTimeout.TotalMilliseconds:0} ms, {Options.MaxTries} tries",
        };
        foreach (var r in Rows)
        {
            table.AddRow(r.Loss.ToString("0%", CultureInfo.InvariantCulture), r.SentOnceDelivered, r.StopAndWaitDelivered + (r.GaveUp ? " (gave up)" : ""), r.Transmissions,
                r.Duplicates, Ms(r.StopAndWaitElapsed), r.TcpDelivered, Ms(r.TcpElapsed));
        }

        return table;
    }

    private static string Ms(TimeSpan t) => $"{t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms";

    private static async Task<int> SendOnceAsync(List<byte[]> payloads, UdpFaultPlan faults, CancellationToken token)
    {
        await using var sink = await UdpServer.StartAsync($"reliable-udp-once-{Guid.NewGuid():N}", _ => null).ConfigureAwait(false);
        await using var proxy = UdpFaultProxy.Start(sink.EndPoint, faults);
        using var socket = UdpClientSteps.Open();
        foreach (var payload in payloads)
        {
            await socket.SendToAsync(payload, SocketFlags.None, proxy.EndPoint, token).ConfigureAwait(false);
        }

        // Everything not dropped arrives after the delay; wait until the count stops growing.
        var seen = -1;
        while (seen != sink.Received)
        {
            seen = sink.Received;
            await Task.Delay(faults.Delay + TimeSpan.FromMilliseconds(100), token).ConfigureAwait(false);
        }

        return seen;
    }

    private static async Task<(StopAndWaitResult, StopAndWaitReceiver)> StopAndWaitAsync(
        List<byte[]> payloads, UdpFaultPlan faults, StopAndWaitOptions options, CancellationToken token)
    {
        var receiver = new StopAndWaitReceiver();
        await using var server = await UdpServer.StartAsync($"reliable-udp-stop-and-wait-{Guid.NewGuid():N}", receiver.Handle).ConfigureAwait(false);
        await using var proxy = UdpFaultProxy.Start(server.EndPoint, faults);
        using var socket = UdpClientSteps.Open();
        var result = await StopAndWait.SendAsync(socket, proxy.EndPoint, payloads, options, token).ConfigureAwait(false);
        return (result, receiver);
    }

    private static async Task<(int Delivered, TimeSpan Elapsed)> TcpAsync(List<byte[]> payloads, TimeSpan oneWay, CancellationToken token)
    {
        var delivered = 0;
        await using var server = await TcpServer.StartAsync($"reliable-udp-tcp-{Guid.NewGuid():N}", async (s, ct) =>
        {
            for (var i = 0; i < payloads.Count; i++)
            {
                await SocketClient.ReceiveExactlyAsync(s, MessageSize, TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
                Interlocked.Increment(ref delivered);
                await SocketClient.SendAllAsync(s, new byte[] { 1 }, TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
            }
        }, cancellationToken: token).ConfigureAwait(false);

        // The TCP proxy delays only the client's bytes, so it waits a whole round trip to match the UDP path.
        await using var proxy = FaultProxy.Start(server.EndPoint, new FaultPlan { Delay = 2 * oneWay });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (var client = await SocketClient.ConnectAsync(proxy.EndPoint, TimeSpan.FromSeconds(5), token).ConfigureAwait(false))
        {
            client.NoDelay = true;
            foreach (var payload in payloads)
            {
                await SocketClient.SendAllAsync(client, payload, TimeSpan.FromSeconds(5), token).ConfigureAwait(false);
                await SocketClient.ReceiveExactlyAsync(client, 1, TimeSpan.FromSeconds(5), token).ConfigureAwait(false);
            }
        }

        return (Volatile.Read(ref delivered), clock.Elapsed);
    }
}
