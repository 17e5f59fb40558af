using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>
/// A UDP server for notebook cells: bound to loopback port 0, answers each datagram with what the handler returns
/// (null = no answer). An exception from the handler is recorded in <see cref="HandlerErrors"/> and the server goes on.
/// Named like <see cref="TcpServer"/>: starting a name again stops the old server.
/// </summary>
public sealed class UdpServer : IAsyncDisposable
{
    private const int MaxIpv4Datagram = 65_535 - 20 - 8;
    private const int MaxIpv6Datagram = 65_535 - 8;
    private static readonly ConcurrentDictionary<string, UdpServer> Running = new(StringComparer.Ordinal);

    private readonly Socket _socket;
    private readonly Func<byte[], byte[]?> _handler;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ErrorLog _errors = new();
    private Task _loop = Task.CompletedTask;
    private int _received;
    private int _stopped;

    private UdpServer(string name, Socket socket, Func<byte[], byte[]?> handler)
    {
        Name = name;
        _socket = socket;
        _handler = handler;
        EndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>The server's name.</summary>
    public string Name { get; }

    private int MaxDatagram => EndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? MaxIpv6Datagram : MaxIpv4Datagram;

    /// <summary>The bound address and port.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Datagrams received so far.</summary>
    public int Received => Volatile.Read(ref _received);

    /// <summary>
    /// The latest exceptions from the handler or from sending its reply (e.g. a reply too large for one datagram),
    /// oldest first; at most 100 are kept. The server goes on answering after each.
    /// </summary>
    public IReadOnlyList<Exception> HandlerErrors => _errors.Latest;

    /// <summary>How many exceptions the server has caught (as in <see cref="HandlerErrors"/>) since it started.</summary>
    public int HandlerErrorCount => _errors.Count;

    /// <summary>Starts a UDP server; <paramref name="handler"/> maps each datagram to a reply or null.</summary>
    public static async Task<UdpServer> StartAsync(string name, Func<byte[], byte[]?> handler, IPAddress? address = null, int port = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(handler);
        Ports.Validate(port);
        if (Running.TryGetValue(name, out var previous))
        {
            await previous.DisposeAsync().ConfigureAwait(false);
        }

        address ??= IPAddress.Loopback;
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var server = new UdpServer(name, socket, handler);
        Running[name] = server;
        server._loop = server.LoopAsync();
        return server;
    }

    /// <summary>Stops the server and waits for its receive loop to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        Running.TryRemove(new KeyValuePair<string, UdpServer>(Name, this));
        await _stopping.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task LoopAsync()
    {
        var buffer = new byte[65536];
        var from = new IPEndPoint(EndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stopping.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, from, _stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || _stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // e.g. an ICMP port-unreachable reported for an earlier reply
            }

            Interlocked.Increment(ref _received);
            try
            {
                var reply = _handler(buffer[..result.ReceivedBytes]);
                if (reply is null)
                {
                    continue;
                }

                if (reply.Length > MaxDatagram)
                {
                    throw new InvalidOperationException(
                        $"A reply of {reply.Length} bytes does not fit one UDP datagram (at most {MaxDatagram} bytes over {(MaxDatagram == MaxIpv4Datagram ? "IPv4" : "IPv6")}); it was not sent.");
                }

                await _socket.SendToAsync(reply, SocketFlags.None, result.RemoteEndPoint, _stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException && _stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _errors.Record(e);
            }
        }
    }
}
