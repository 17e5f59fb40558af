using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NetCourse.Timing;

/// <summary>
/// Measures how long TCP connects take: the three-way handshake plus the system calls around it. Each connection is
/// closed with linger 0 (an RST), so thousands of measurements leave no TIME_WAIT sockets behind.
/// </summary>
public static class HandshakeTimer
{
    /// <summary>The most connects one call may make.</summary>
    public const int MaxCount = 20_000;

    /// <summary>How a connect is made.</summary>
    public enum Method
    {
        /// <summary><see cref="Socket.Connect(EndPoint)"/>: the plain blocking call.</summary>
        Sync,

        /// <summary><see cref="Socket.ConnectAsync(EndPoint, CancellationToken)"/>.</summary>
        SocketAsync,

        /// <summary><see cref="TcpClient.ConnectAsync(IPAddress, int, CancellationToken)"/>.</summary>
        TcpClientAsync,
    }

    /// <summary>Times <paramref name="count"/> connects to <paramref name="target"/> with the synchronous connect.</summary>
    public static TimingSample Measure(string label, IPEndPoint target, int count, TimeSpan? timeout = null) =>
        MeasureAsync(label, target, count, Method.Sync, timeout).GetAwaiter().GetResult();

    /// <summary>
    /// Times <paramref name="count"/> connects to <paramref name="target"/> with <paramref name="method"/>. A refused
    /// connect is timed too (it ends when the RST arrives). The whole run stops at <paramref name="timeout"/> (default 20 s).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is not 1-20000.</exception>
    /// <exception cref="TimeoutException">The run took longer than the timeout.</exception>
    public static async Task<TimingSample> MeasureAsync(
        string label, IPEndPoint target, int count, Method method = Method.Sync, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (count is < 1 or > MaxCount)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Count {count} must be from 1 to {MaxCount}.");
        }

        var limit = timeout ?? TimeSpan.FromSeconds(20);
        var deadline = Stopwatch.StartNew();
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            if (deadline.Elapsed > limit)
            {
                throw new TimeoutException($"Timing {count} connects to {target} did not finish within {limit.TotalSeconds:0} s ({i} done).");
            }

            cancellationToken.ThrowIfCancellationRequested();
            values[i] = await ConnectOnceAsync(target, method, cancellationToken).ConfigureAwait(false);
        }

        return new TimingSample(label, values);
    }

    /// <summary>Times connects by name: each one resolves <paramref name="host"/> (e.g. "localhost") first, as a client given a name must.</summary>
    public static async Task<TimingSample> MeasureByNameAsync(string label, string host, int port, int count, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        Services.Ports.Validate(port);
        if (count is < 1 or > MaxCount)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Count {count} must be from 1 to {MaxCount}.");
        }

        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            var addresses = await Dns.GetHostAddressesAsync(host, AddressFamily.InterNetwork, cancellationToken).ConfigureAwait(false);
            using var socket = NewSocket(AddressFamily.InterNetwork);
            socket.Connect(new IPEndPoint(addresses[0], port));
            values[i] = clock.Elapsed.TotalMicroseconds;
        }

        return new TimingSample(label, values);
    }

    private static async ValueTask<double> ConnectOnceAsync(IPEndPoint target, Method method, CancellationToken cancellationToken)
    {
        if (method == Method.TcpClientAsync)
        {
            using var client = new TcpClient(target.AddressFamily);
            client.LingerState = new LingerOption(true, 0);
            var started = Stopwatch.GetTimestamp();
            await client.ConnectAsync(target.Address, target.Port, cancellationToken).ConfigureAwait(false);
            return Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        using var socket = NewSocket(target.AddressFamily);
        var start = Stopwatch.GetTimestamp();
        try
        {
            if (method == Method.Sync)
            {
                socket.Connect(target);
            }
            else
            {
                await socket.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            // A refused connect is a result too: the SYN was answered with an RST.
        }

        return Stopwatch.GetElapsedTime(start).TotalMicroseconds;
    }

    private static Socket NewSocket(AddressFamily family) =>
        new(family, SocketType.Stream, ProtocolType.Tcp) { LingerState = new LingerOption(true, 0) };
}
