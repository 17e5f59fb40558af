using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>
/// The same echo service written four ways (<see cref="ServingModel"/>), for comparing how each copes with many
/// clients. Listens on 127.0.0.1 port 0; every client that sends nothing for <see cref="IdleTimeout"/> is closed, so
/// every receive has a deadline.
/// </summary>
public sealed partial class EchoModelServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private Task _running = Task.CompletedTask;
    private int _accepted;
    private int _threadsStarted;
    private int _stopped;

    private EchoModelServer(ServingModel model, Socket listener, TimeSpan idleTimeout)
    {
        Model = model;
        _listener = listener;
        IdleTimeout = idleTimeout;
        EndPoint = (IPEndPoint)listener.LocalEndPoint!;
    }

    /// <summary>How this server serves its clients.</summary>
    public ServingModel Model { get; }

    /// <summary>The address and port bound.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>How long a client may stay silent before the server closes it.</summary>
    public TimeSpan IdleTimeout { get; }

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Threads this server started (its own loop thread included).</summary>
    public int ThreadsStarted => Volatile.Read(ref _threadsStarted);

    /// <summary>Starts an echo server of the given model on loopback port 0.</summary>
    /// <param name="model">How to serve clients.</param>
    /// <param name="idleTimeout">How long a silent client is kept (default 1 s; at most 60 s).</param>
    /// <param name="backlog">Completed handshakes that may wait for accept (default 1024, so a burst of clients is not dropped).</param>
    /// <exception cref="ArgumentOutOfRangeException">The model is unknown, the idle timeout is not in (0, 60 s] or the backlog is below 1.</exception>
    public static EchoModelServer Start(ServingModel model, TimeSpan? idleTimeout = null, int backlog = 1024)
    {
        if (!Enum.IsDefined(model))
        {
            throw new ArgumentOutOfRangeException(nameof(model), model, $"Serving model {model} is not one of {string.Join(", ", Enum.GetNames<ServingModel>())}.");
        }

        var idle = idleTimeout ?? TimeSpan.FromSeconds(1);
        if (idle <= TimeSpan.Zero || idle > TimeSpan.FromSeconds(60))
        {
            throw new ArgumentOutOfRangeException(nameof(idleTimeout), idle, $"Idle timeout {idle} must be more than 0 and at most 60 s.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(backlog, 1);
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(backlog);
        var server = new EchoModelServer(model, listener, idle);
        server._running = model switch
        {
            ServingModel.OneAtATime => server.OnThread(server.OneAtATimeLoop),
            ServingModel.ThreadPerClient => server.OnThread(server.ThreadPerClientLoop),
            ServingModel.TaskPerClient => server.TaskPerClientLoopAsync(),
            _ => server.OnThread(server.SelectLoop),
        };
        return server;
    }

    /// <summary>Stops accepting, closes every connection and waits (at most 5 s) for the server's threads and tasks to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        foreach (var socket in _open.Keys)
        {
            socket.Dispose();
        }

        await _running.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Model} echo on {EndPoint}";

    private Task OnThread(Action loop)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Increment(ref _threadsStarted);
        new Thread(() =>
        {
            try
            {
                loop();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }) { IsBackground = true, Name = $"{Model} echo" }.Start();
        return done.Task;
    }

    // Waits for a connection in slices of 50 ms, so the loop notices when the server stops: Accept() itself has no timeout.
    private Socket? AcceptBlocking()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                if (_listener.Poll(TimeSpan.FromMilliseconds(50), SelectMode.SelectRead))
                {
                    return Track(_listener.Accept());
                }
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                return null;
            }
        }

        return null;
    }

    private Socket Track(Socket connection)
    {
        Interlocked.Increment(ref _accepted);
        connection.NoDelay = true;
        _open[connection] = 0;
        if (_stopping.IsCancellationRequested)
        {
            connection.Dispose();
        }

        return connection;
    }

    private void Close(Socket connection)
    {
        _open.TryRemove(connection, out _);
        connection.Dispose();
    }
}
