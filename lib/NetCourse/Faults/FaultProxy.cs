using System.Net;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>
/// A loopback TCP proxy that forwards to a server while injecting faults into the client's bytes: delay, split, merge,
/// reset mid-message, half-close, and a slow reader on the way back. Clients connect to <see cref="EndPoint"/>.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly IPEndPoint _target;
    private readonly FaultPlan _plan;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _pipes = [];
    private Task _accepting = Task.CompletedTask;
    private long _forwarded;
    private int _connections;

    private FaultProxy(Socket listener, IPEndPoint target, FaultPlan plan)
    {
        _listener = listener;
        _target = target;
        _plan = plan;
    }

    /// <summary>Where clients connect.</summary>
    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <summary>How many bytes went from clients to the server, all connections together.</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    /// <summary>How many client connections the proxy accepted.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Starts a proxy on loopback port 0 in front of <paramref name="target"/>.</summary>
    public static FaultProxy Start(IPEndPoint target, FaultPlan plan)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(plan);
        plan.Validated();
        var listener = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(target.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback, 0));
        listener.Listen(64);
        var proxy = new FaultProxy(listener, target, plan);
        proxy._accepting = proxy.AcceptAsync();
        return proxy;
    }

    /// <summary>Stops accepting, closes every proxied connection and waits for the pumps to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        Task[] pipes;
        lock (_pipes)
        {
            pipes = [.. _pipes];
        }

        await Task.WhenAll(pipes.Append(_accepting)).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        var stop = _stopping.Token;
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(stop).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            lock (_pipes)
            {
                _pipes.RemoveAll(t => t.IsCompleted);
                var plan = Interlocked.Increment(ref _connections) > (_plan.OnlyFirst ?? int.MaxValue) ? FaultPlan.None : _plan;
                _pipes.Add(PipeAsync(client, plan, stop));
            }
        }
    }

    private async Task PipeAsync(Socket client, FaultPlan plan, CancellationToken stop)
    {
        using (client)
        using (var server = new Socket(_target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true })
        {
            client.NoDelay = true;
            try
            {
                await server.ConnectAsync(_target, stop).ConfigureAwait(false);
                using var done = CancellationTokenSource.CreateLinkedTokenSource(stop);
                var silenced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var up = UpstreamAsync(client, server, plan, silenced, done.Token);
                var down = DownstreamAsync(server, client, plan, silenced.Task, done.Token);
                await Task.WhenAny(up, down).ConfigureAwait(false);
                if (up.IsCompletedSuccessfully && !down.IsCompleted)
                {
                    await down.ConfigureAwait(false); // half-closed upstream: the replies still come back
                }

                await done.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(up, down).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // A reset, a closed peer or stopping the proxy ends this connection.
            }
        }
    }

    private async Task UpstreamAsync(Socket from, Socket to, FaultPlan plan, TaskCompletionSource silenced, CancellationToken token)
    {
        var buffer = new byte[65536];
        var pending = new List<byte>();
        long forwarded = 0; // on this connection: the limits count per connection
        while (true)
        {
            var n = await from.ReceiveAsync(buffer, SocketFlags.None, token).ConfigureAwait(false);
            if (n == 0)
            {
                to.Shutdown(SocketShutdown.Send);
                return;
            }

            pending.AddRange(buffer.AsSpan(0, n));
            if (plan.MergeWindow is { } window)
            {
                await Task.Delay(window, token).ConfigureAwait(false);
                while (from.Available > 0)
                {
                    n = await from.ReceiveAsync(buffer, SocketFlags.None, token).ConfigureAwait(false);
                    pending.AddRange(buffer.AsSpan(0, n));
                }
            }

            foreach (var piece in pending.Chunk(plan.SplitInto ?? int.MaxValue))
            {
                if (plan.Delay > TimeSpan.Zero || plan.SplitInto is not null)
                {
                    await Task.Delay(plan.Delay > TimeSpan.Zero ? plan.Delay : TimeSpan.FromMilliseconds(2), token).ConfigureAwait(false);
                }

                var allowed = piece.Length;
                if (Left(plan.ResetAfter, forwarded) is { } resetLeft && resetLeft < allowed)
                {
                    await SendAllAsync(to, piece.AsMemory(0, (int)resetLeft), token).ConfigureAwait(false);
                    Reset(from);
                    Reset(to);
                    return;
                }

                if (Left(plan.SilentAfter, forwarded) is { } silentLeft && silentLeft < allowed)
                {
                    await SendAllAsync(to, piece.AsMemory(0, (int)silentLeft), token).ConfigureAwait(false);
                    silenced.TrySetResult();
                    await Task.Delay(Timeout.Infinite, token).ConfigureAwait(false); // hold both connections open, forwarding nothing
                }

                if (Left(plan.HalfCloseAfter, forwarded) is { } closeLeft && closeLeft < allowed)
                {
                    await SendAllAsync(to, piece.AsMemory(0, (int)closeLeft), token).ConfigureAwait(false);
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                await SendAllAsync(to, piece, token).ConfigureAwait(false);
                forwarded += piece.Length;
            }

            pending.Clear();
        }
    }

    private static async Task DownstreamAsync(Socket from, Socket to, FaultPlan plan, Task silenced, CancellationToken token)
    {
        var buffer = new byte[plan.ReadBytesPerSecond is { } rate ? Math.Max(1, Math.Min(rate / 10, 65536)) : 65536];
        int n;
        while ((n = await from.ReceiveAsync(buffer, SocketFlags.None, token).ConfigureAwait(false)) > 0)
        {
            if (silenced.IsCompleted)
            {
                await Task.Delay(Timeout.Infinite, token).ConfigureAwait(false); // silent: hold everything until the proxy stops
            }

            var sent = 0;
            while (sent < n)
            {
                sent += await to.SendAsync(buffer.AsMemory(sent, n - sent), SocketFlags.None, token).ConfigureAwait(false);
            }

            if (plan.ReadBytesPerSecond is { } bytesPerSecond)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)n / bytesPerSecond), token).ConfigureAwait(false);
            }
        }

        to.Shutdown(SocketShutdown.Send);
    }

    private static long? Left(long? after, long forwarded) => after is { } limit ? Math.Max(0, limit - forwarded) : null;

    private async Task SendAllAsync(Socket to, ReadOnlyMemory<byte> data, CancellationToken token)
    {
        var sent = 0;
        while (sent < data.Length)
        {
            sent += await to.SendAsync(data[sent..], SocketFlags.None, token).ConfigureAwait(false);
        }

        Interlocked.Add(ref _forwarded, data.Length);
    }

    private static void Reset(Socket socket)
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }
}
