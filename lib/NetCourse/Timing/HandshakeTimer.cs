using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>
/// Measures how long TCP connects take: the three-way handshake plus the system calls around it. Each connection is
/// closed with linger 0 (an RST), so thousands of measurements leave no TIME_WAIT sockets behind.
/// </summary>
public static class HandshakeTimer
{
    /// <summary>The most connects one call may make.</summary>
    public const int MaxCount = 20_000;

    /// <summary>The longest one connect may take (a dropped SYN would otherwise block for about two minutes).</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan DefaultRunTimeout = TimeSpan.FromSeconds(20);

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
    /// connect is timed too (it ends when the RST arrives). The whole run stops at <paramref name="timeout"/> (default 20 s),
    /// and each connect at <see cref="ConnectTimeout"/> or the end of the run, whichever comes first.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is not 1-20000.</exception>
    /// <exception cref="TimeoutException">The run took longer than the timeout, or one connect got no answer in time.</exception>
    public static async Task<TimingSample> MeasureAsync(
        string label, IPEndPoint target, int count, Method method = Method.Sync, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ValidateCount(count);
        var limit = timeout ?? DefaultRunTimeout;
        var deadline = Stopwatch.StartNew();
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            if (deadline.Elapsed > limit)
            {
                throw new TimeoutException($"Timing {count} connects to {target} did not finish within {limit.TotalSeconds:0} s ({i} done).");
            }

            cancellationToken.ThrowIfCancellationRequested();
            values[i] = await ConnectOnceAsync(target, method, PerConnect(limit - deadline.Elapsed), cancellationToken).ConfigureAwait(false);
        }

        return new TimingSample(label, values);
    }

    /// <summary>
    /// Times connects by name: each one resolves <paramref name="host"/> (e.g. "localhost") to its IPv4 addresses first, as a
    /// client given a name must, and connects to the first. The whole run, lookups included, stops at
    /// <paramref name="timeout"/> (default 20 s), and each connect at <see cref="ConnectTimeout"/> or the end of the run.
    /// </summary>
    /// <exception cref="TimeoutException">A lookup or a connect got no answer in time.</exception>
    public static async Task<TimingSample> MeasureByNameAsync(
        string label, string host, int port, int count, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        Ports.Validate(port);
        ValidateCount(count);
        var limit = timeout ?? DefaultRunTimeout;
        var elapsed = Stopwatch.StartNew();
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            var left = limit - elapsed.Elapsed;
            var addresses = await Deadline.RunAsync(
                $"Timing {count} connects to {host}:{port} by name ({i} done)", left > TimeSpan.Zero ? left : TimeSpan.FromTicks(1),
                ct => new ValueTask<IPAddress[]>(Dns.GetHostAddressesAsync(host, AddressFamily.InterNetwork, ct).WaitAsync(ct)), cancellationToken).ConfigureAwait(false);
            var target = new IPEndPoint(
                addresses.Length > 0 ? addresses[0] : throw new InvalidOperationException($"'{host}' has no IPv4 address to connect to."), port);
            var connectLimit = PerConnect(limit - elapsed.Elapsed);
            using var socket = NewSocket(AddressFamily.InterNetwork, connectLimit);
            ConnectWithin(socket, target, connectLimit);
            values[i] = clock.Elapsed.TotalMicroseconds;
        }

        return new TimingSample(label, values);
    }

    private static void ValidateCount(int count)
    {
        if (count is < 1 or > MaxCount)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Count {count} must be from 1 to {MaxCount}.");
        }
    }

    private static TimeoutException NoAnswer(IPEndPoint target, TimeSpan limit, Exception? inner) =>
        new($"A connect to {target} got no answer within {limit.TotalSeconds:0.###} s.", inner);

    private static TimeSpan PerConnect(TimeSpan remaining) =>
        remaining < ConnectTimeout ? (remaining > TimeSpan.FromMilliseconds(1) ? remaining : TimeSpan.FromMilliseconds(1)) : ConnectTimeout;

    private static async ValueTask<double> ConnectOnceAsync(IPEndPoint target, Method method, TimeSpan limit, CancellationToken cancellationToken)
    {
        if (method == Method.Sync)
        {
            using var blocking = NewSocket(target.AddressFamily, limit);
            var started = Stopwatch.GetTimestamp();
            ConnectWithin(blocking, target, limit);
            return Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        try
        {
            return await Deadline.RunAsync($"A connect to {target}", limit, async ct =>
            {
                if (method == Method.TcpClientAsync)
                {
                    using var client = new TcpClient(target.AddressFamily);
                    client.LingerState = new LingerOption(true, 0);
                    var started = Stopwatch.GetTimestamp();
                    await client.ConnectAsync(target.Address, target.Port, ct).ConfigureAwait(false);
                    return Stopwatch.GetElapsedTime(started).TotalMicroseconds;
                }

                using var socket = NewSocket(target.AddressFamily);
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await socket.ConnectAsync(target, ct).ConfigureAwait(false);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
                {
                    // A refused connect is a result too: the SYN was answered with an RST.
                }

                return Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw NoAnswer(target, limit, e);
        }
    }

    /// <summary>
    /// A blocking connect that gives up after <paramref name="limit"/>: on Linux the SO_SNDTIMEO set by <see cref="NewSocket"/> bounds connect;
    /// elsewhere the connect is started non-blocking and Select waits for it to finish or fail. A refused connect returns normally.
    /// </summary>
    private static void ConnectWithin(Socket socket, IPEndPoint target, TimeSpan limit)
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                socket.Connect(target); // bounded by the SO_SNDTIMEO that NewSocket set
                return;
            }

            socket.Blocking = false;
            try
            {
                socket.Connect(target);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
            {
                // Windows reports a failed connect as an error condition, not as writable: wait for either.
                List<Socket> writable = [socket], failed = [socket];
                Socket.Select(null, writable, failed, limit);
                if (writable.Count == 0 && failed.Count == 0)
                {
                    throw new SocketException((int)SocketError.TimedOut);
                }

                if (socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error) is int error and not 0)
                {
                    throw new SocketException(error);
                }
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            // A refused connect is a result too: the SYN was answered with an RST.
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.InProgress or SocketError.WouldBlock)
        {
            throw NoAnswer(target, limit, e);
        }
    }

    private static Socket NewSocket(AddressFamily family, TimeSpan? connectLimit = null)
    {
        var socket = new Socket(family, SocketType.Stream, ProtocolType.Tcp) { LingerState = new LingerOption(true, 0) };
        if (connectLimit is { } limit && OperatingSystem.IsLinux())
        {
            socket.SendTimeout = (int)Math.Ceiling(limit.TotalMilliseconds); // Linux also applies SO_SNDTIMEO to a blocking connect
        }

        return socket;
    }
}
