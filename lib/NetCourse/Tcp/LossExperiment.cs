using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using XPlot.Plotly;

namespace NetCourse;

/// <summary>
/// Sends the same burst of messages over UDP and over TCP to a receiver that does not read during the burst; senders
/// and receivers have small socket buffers. UDP drops what does not fit; TCP's flow control makes the sender wait, so nothing is lost.
/// </summary>
public sealed class LossExperiment : ITabular
{
    private static readonly TimeSpan HalfTimeout = TimeSpan.FromSeconds(20);

    private LossExperiment(int messages, int size, int bufferSize, Outcome udp, Outcome tcp)
    {
        Messages = messages;
        MessageSize = size;
        RequestedBufferSize = bufferSize;
        UdpReceived = udp.Received;
        TcpReceived = tcp.Received;
        UdpReceiveBuffer = udp.ReceiveBuffer;
        TcpReceiveBuffer = tcp.ReceiveBuffer;
        UdpLongestSend = udp.LongestSend;
        TcpLongestSend = tcp.LongestSend;
    }

    /// <summary>How many messages each transport was given.</summary>
    public int Messages { get; }

    /// <summary>The size of each message in bytes.</summary>
    public int MessageSize { get; }

    /// <summary>Datagrams that reached the UDP receiver.</summary>
    public int UdpReceived { get; }

    /// <summary>Messages that reached the TCP receiver.</summary>
    public int TcpReceived { get; }

    /// <summary>The buffer size both senders (SO_SNDBUF) and receivers (SO_RCVBUF) asked for.</summary>
    public int RequestedBufferSize { get; }

    /// <summary>The UDP receiver's buffer size as the operating system reports it back (Linux doubles the request).</summary>
    public int UdpReceiveBuffer { get; }

    /// <summary>The TCP receiver's buffer size as the operating system reports it back.</summary>
    public int TcpReceiveBuffer { get; }

    /// <summary>The longest a single UDP send took: the sender is never made to wait for the receiver.</summary>
    public TimeSpan UdpLongestSend { get; }

    /// <summary>The longest a single TCP send took: flow control blocks it while the receiver's buffer is full.</summary>
    public TimeSpan TcpLongestSend { get; }

    /// <summary>Runs both halves on loopback. Bounded: at most 50,000 messages of at most 1400 bytes, each half under 20 s.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count or size is out of range.</exception>
    public static async Task<LossExperiment> RunAsync(int messages = 5000, int size = 512, int bufferSize = 4096, CancellationToken cancellationToken = default)
    {
        if (messages is < 1 or > 50_000)
        {
            throw new ArgumentOutOfRangeException(nameof(messages), messages, $"Message count {messages} must be from 1 to 50000.");
        }

        if (size is < 1 or > 1400)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"Message size {size} must be from 1 to 1400 bytes.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bufferSize);
        var udp = await UdpHalfAsync(messages, size, bufferSize, cancellationToken).ConfigureAwait(false);
        var tcp = await TcpHalfAsync(messages, size, bufferSize, cancellationToken).ConfigureAwait(false);
        return new LossExperiment(messages, size, bufferSize, udp, tcp);
    }

    /// <summary>A bar chart of sent vs received for both transports.</summary>
    public PlotlyChart Chart()
    {
        var chart = XPlot.Plotly.Chart.Plot(new[]
        {
            new Bar { x = new[] { "UDP", "TCP" }, y = new[] { Messages, Messages }, name = "sent" },
            new Bar { x = new[] { "UDP", "TCP" }, y = new[] { UdpReceived, TcpReceived }, name = "received" },
        });
        chart.WithLayout(new Layout.Layout
        {
            title = $"{Messages} messages of {MessageSize} bytes to a receiver that is not reading",
            xaxis = new Xaxis { title = "transport" },
            yaxis = new Yaxis { title = "messages" },
        });
        return chart;
    }

    /// <inheritdoc/>
    public HtmlTable ToTable() =>
        new HtmlTable("transport", "sent", "received", "lost", "receive buffer (read back)", "longest single send (ms)")
        {
            Caption = $"Same burst, same slow receiver (send and receive buffers requested: {RequestedBufferSize.ToString("N0", CultureInfo.InvariantCulture)} bytes)",
        }
            .AddRow("UDP", Messages, UdpReceived, Messages - UdpReceived, UdpReceiveBuffer.ToString("N0", CultureInfo.InvariantCulture), Milliseconds(UdpLongestSend))
            .AddRow("TCP", Messages, TcpReceived, Messages - TcpReceived, TcpReceiveBuffer.ToString("N0", CultureInfo.InvariantCulture), Milliseconds(TcpLongestSend));

    private static string Milliseconds(TimeSpan t) => t.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture);

    private static async Task<Outcome> UdpHalfAsync(int messages, int size, int bufferSize, CancellationToken cancellationToken)
    {
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = bufferSize };
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { SendBufferSize = bufferSize };
        var payload = new byte[size];
        var longest = TimeSpan.Zero;
        for (var i = 0; i < messages; i++)
        {
            var started = Stopwatch.GetTimestamp();
            sender.SendTo(payload, receiver.LocalEndPoint!);
            var took = Stopwatch.GetElapsedTime(started);
            longest = took > longest ? took : longest;
        }

        var received = await Deadline.RunAsync("Receiving the UDP burst", HalfTimeout, async ct =>
        {
            var count = 0;
            var buffer = new byte[65536];
            while (receiver.Poll(TimeSpan.FromMilliseconds(200), SelectMode.SelectRead))
            {
                ct.ThrowIfCancellationRequested();
                await receiver.ReceiveAsync(buffer, SocketFlags.None, ct).ConfigureAwait(false);
                count++;
            }

            return count;
        }, cancellationToken).ConfigureAwait(false);
        return new Outcome(received, receiver.ReceiveBufferSize, longest);
    }

    private static Task<Outcome> TcpHalfAsync(int messages, int size, int bufferSize, CancellationToken cancellationToken) =>
        Deadline.RunAsync("Sending and receiving the TCP burst", HalfTimeout, ct => new ValueTask<Outcome>(TcpHalfWithinAsync(messages, size, bufferSize, ct)), cancellationToken);

    private static async Task<Outcome> TcpHalfWithinAsync(int messages, int size, int bufferSize, CancellationToken deadline)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = bufferSize };
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        // A small send buffer too: otherwise the kernel would queue the whole burst on the sender's side and no send would wait.
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { SendBufferSize = bufferSize };
        await sender.ConnectAsync(listener.LocalEndPoint!, deadline).ConfigureAwait(false);
        using var receiver = await listener.AcceptAsync(deadline).ConfigureAwait(false);

        var send = Task.Run(async () =>
        {
            var payload = new byte[size];
            var longest = TimeSpan.Zero;
            for (var i = 0; i < messages; i++)
            {
                var sent = 0;
                while (sent < size)
                {
                    var started = Stopwatch.GetTimestamp();
                    sent += await sender.SendAsync(payload.AsMemory(sent), SocketFlags.None, deadline).ConfigureAwait(false);
                    var took = Stopwatch.GetElapsedTime(started);
                    longest = took > longest ? took : longest;
                }
            }

            sender.Shutdown(SocketShutdown.Send);
            return longest;
        }, deadline);

        // The receiver starts reading late, after the sender has filled every buffer and been made to wait.
        await Task.Delay(200, deadline).ConfigureAwait(false);
        long bytes = 0;
        var buffer = new byte[65536];
        int n;
        while ((n = await receiver.ReceiveAsync(buffer, SocketFlags.None, deadline).ConfigureAwait(false)) > 0)
        {
            bytes += n;
        }

        var longestSend = await send.ConfigureAwait(false);
        return new Outcome((int)(bytes / size), receiver.ReceiveBufferSize, longestSend);
    }

    private readonly record struct Outcome(int Received, int ReceiveBuffer, TimeSpan LongestSend);
}
