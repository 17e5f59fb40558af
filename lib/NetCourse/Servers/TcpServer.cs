using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>
/// A TCP server for notebook cells: listens on loopback port 0 in the background, runs a handler per connection,
/// and stops cleanly. Servers are named: starting a server with a name that is already running stops the old one
/// first, so re-running a cell never leaves a second listener.
/// </summary>
public sealed class TcpServer : IAsyncDisposable, ITabular
{
    private static readonly ConcurrentDictionary<string, TcpServer> Running = new(StringComparer.Ordinal);

    private readonly Socket _listener;
    private readonly Func<Socket, CancellationToken, Task> _handler;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Socket, Task> _connections = new();
    private readonly ErrorLog _errors = new();
    private Task _acceptLoop = Task.CompletedTask;
    private int _accepted;
    private int _resets;
    private int _stopped;

    private TcpServer(string name, Socket listener, Func<Socket, CancellationToken, Task> handler, int backlog)
    {
        Name = name;
        _listener = listener;
        _handler = handler;
        Backlog = backlog;
        EndPoint = (IPEndPoint)listener.LocalEndPoint!;
    }

    /// <summary>The name the server was started under.</summary>
    public string Name { get; }

    /// <summary>The address and port actually bound (port 0 becomes the port the OS chose).</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The listen backlog asked for.</summary>
    public int Backlog { get; }

    /// <summary>How many connections were accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>How many connections are being handled now.</summary>
    public int Active => _connections.Count;

    /// <summary>
    /// The latest exceptions the server caught from its handler and its accept loop (not those caused by stopping, and
    /// not a client's reset: see <see cref="ClientResets"/>), oldest first. At most 100 are kept, so a long-running
    /// server does not grow; <see cref="HandlerErrorCount"/> counts them all.
    /// </summary>
    public IReadOnlyList<Exception> HandlerErrors => _errors.Latest;

    /// <summary>How many exceptions the server has caught (as in <see cref="HandlerErrors"/>) since it started.</summary>
    public int HandlerErrorCount => _errors.Count;

    /// <summary>
    /// How many connections ended because the client reset them (RST) while the handler was using them. A reset is
    /// the client's choice, not a fault of the handler, so it is counted here and not in <see cref="HandlerErrors"/>.
    /// </summary>
    public int ClientResets => Volatile.Read(ref _resets);

    /// <summary>True until the server is stopped.</summary>
    public bool IsRunning => Volatile.Read(ref _stopped) == 0;

    /// <summary>The names of the servers running now.</summary>
    public static IReadOnlyCollection<string> RunningNames => [.. Running.Keys];

    /// <summary>
    /// Starts a server and returns once it is listening. A running server with the same name is stopped first.
    /// </summary>
    /// <param name="name">Names the server, e.g. "echo".</param>
    /// <param name="handler">Called for every accepted connection with the connected socket; the socket is closed when it returns.</param>
    /// <param name="address">
    /// The address to bind (default 127.0.0.1; use <see cref="IPAddress.IPv6Loopback"/> for ::1). An IPv4-mapped address
    /// (::ffff:127.0.0.1) binds a dual-stack IPv6 socket, which sees its IPv4 clients under mapped addresses (RFC 3493 §3.7).
    /// </param>
    /// <param name="port">The port to bind; 0 (the default) lets the OS choose a free one.</param>
    /// <param name="backlog">How many completed handshakes may wait for accept.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="ArgumentException">The name is empty, or the port or backlog is out of range.</exception>
    /// <exception cref="InvalidOperationException">The address and port are already in use.</exception>
    public static async Task<TcpServer> StartAsync(
        string name, Func<Socket, CancellationToken, Task> handler, IPAddress? address = null, int port = 0, int backlog = 128,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(handler);
        Ports.Validate(port);
        if (backlog < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(backlog), backlog, $"Backlog {backlog} must be at least 1.");
        }

        if (Running.TryGetValue(name, out var previous))
        {
            await previous.DisposeAsync().ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        address ??= IPAddress.Loopback;
        var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (address.IsIPv4MappedToIPv6)
            {
                listener.DualMode = true;
            }

            listener.Bind(new IPEndPoint(address, port));
            listener.Listen(backlog);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            listener.Dispose();
            var endPoint = new IPEndPoint(address, port);
            var holder = SocketOwner.OfListener(endPoint) ?? "another socket";
            throw new InvalidOperationException(
                $"Address already in use: port {port} on {address} is held by {holder}. Stop that server, or bind port 0 to let the OS choose.", e);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        var server = new TcpServer(name, listener, handler, backlog);
        Running[name] = server;
        server._acceptLoop = server.AcceptLoopAsync();
        return server;
    }

    /// <summary>Stops the server with the given name, if one is running.</summary>
    public static async Task StopAsync(string name)
    {
        if (Running.TryGetValue(name, out var server))
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops accepting, cancels every handler, closes every connection and waits (at most 5 s) for the handlers to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        Running.TryRemove(new KeyValuePair<string, TcpServer>(Name, this));
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        foreach (var socket in _connections.Keys)
        {
            socket.Dispose();
        }

        var all = Task.WhenAll(_connections.Values.Append(_acceptLoop));
        try
        {
            await all.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            _errors.Record(new TimeoutException($"Server '{Name}' handlers did not end within 5 s of stopping.", e));
        }

        _stopping.Dispose();
    }

    /// <inheritdoc/>
    public HtmlTable ToTable() =>
        new HtmlTable("server", "listening on", "running", "accepted", "active", "handler errors", "client resets")
            .AddRow(Name, EndPoint, IsRunning, Accepted, Active, HandlerErrorCount, ClientResets);

    /// <inheritdoc/>
    public override string ToString() => $"{Name} on {EndPoint}";

    private async Task AcceptLoopAsync()
    {
        var stop = _stopping.Token;
        while (!stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(stop).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e)
            {
                _errors.Record(e);
                continue;
            }

            Interlocked.Increment(ref _accepted);
            connection.NoDelay = true;
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _connections[connection] = HandleAsync(connection, gate.Task, stop);
            gate.SetResult();
        }
    }

    private async Task HandleAsync(Socket connection, Task registered, CancellationToken stop)
    {
        await registered.ConfigureAwait(false);
        try
        {
            await _handler(connection, stop).ConfigureAwait(false);
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            // Stopping closed the socket under the handler: expected.
        }
        catch (Exception e) when (ErrorLog.IsPeerReset(e))
        {
            Interlocked.Increment(ref _resets);
        }
        catch (Exception e)
        {
            _errors.Record(e);
        }
        finally
        {
            connection.Dispose();
            _connections.TryRemove(connection, out _);
        }
    }
}
