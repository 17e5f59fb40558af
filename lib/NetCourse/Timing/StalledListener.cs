using System.Net;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>
/// A listener whose accept queue is full and which never accepts: the kernel drops every new SYN without an answer
/// (Linux), so a connect to it neither succeeds nor is refused until its own deadline. Dispose closes everything.
/// </summary>
public sealed class StalledListener : IDisposable
{
    private readonly Socket _listener;
    private readonly List<Socket> _queued;

    private StalledListener(Socket listener, List<Socket> queued)
    {
        _listener = listener;
        _queued = queued;
    }

    /// <summary>Where connects stall.</summary>
    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <summary>Connections that filled the queue.</summary>
    public int Queued => _queued.Count;

    /// <summary>
    /// Listens on <paramref name="address"/> port 0 with a backlog of 1 and connects to itself until a connect gets no
    /// answer within 300 ms (at most 8 connects).
    /// </summary>
    /// <exception cref="InvalidOperationException">The queue never filled (an OS that answers or refuses instead).</exception>
    public static async Task<StalledListener> StartAsync(IPAddress address, CancellationToken cancellationToken = default)
    {
        var listener = Listeners.Listen(address, backlog: 1);
        var queued = new List<Socket>();
        for (var i = 0; i < 8; i++)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await Deadline.RunAsync("Connecting", TimeSpan.FromMilliseconds(300), async ct =>
                {
                    await socket.ConnectAsync(listener.LocalEndPoint!, ct).ConfigureAwait(false);
                    return socket;
                }, cancellationToken).ConfigureAwait(false);
                queued.Add(socket);
            }
            catch (TimeoutException)
            {
                socket.Dispose();
                return new StalledListener(listener, queued);
            }
            catch
            {
                socket.Dispose();
                queued.ForEach(s => s.Dispose());
                listener.Dispose();
                throw;
            }
        }

        queued.ForEach(s => s.Dispose());
        listener.Dispose();
        throw new InvalidOperationException($"Eight connects to a listener with backlog 1 on {address} all succeeded: this OS does not drop SYNs to a full queue.");
    }

    /// <summary>A stalled listener on ::1, or on 127.0.0.2 where this machine has no IPv6 loopback.</summary>
    /// <exception cref="InvalidOperationException">The queue never filled (an OS that answers or refuses instead).</exception>
    internal static async Task<StalledListener> StartPreferringIPv6Async(CancellationToken cancellationToken)
    {
        if (Socket.OSSupportsIPv6)
        {
            try
            {
                return await StartAsync(IPAddress.IPv6Loopback, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                // No ::1 on this machine (IPv6 disabled on loopback): a second IPv4 loopback address stands in.
            }
        }

        return await StartAsync(IPAddress.Parse("127.0.0.2"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the listener and the queued connections.</summary>
    public void Dispose()
    {
        foreach (var socket in _queued)
        {
            socket.Dispose();
        }

        _listener.Dispose();
    }
}
