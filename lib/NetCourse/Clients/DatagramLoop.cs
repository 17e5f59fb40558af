using System.Net;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>The receive loop of a UDP socket that serves until it is stopped: proxies and judges share it.</summary>
internal static class DatagramLoop
{
    /// <summary>
    /// Receives datagrams on <paramref name="socket"/> and hands each (its own copy, and the sender) to
    /// <paramref name="handle"/>, until <paramref name="stop"/> or the socket closes. A socket error, such as an ICMP
    /// report about an earlier send or a failed reply, skips that datagram.
    /// </summary>
    public static async Task RunAsync(Socket socket, Func<byte[], IPEndPoint, CancellationToken, Task> handle, CancellationToken stop)
    {
        var buffer = new byte[65536];
        var any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var got = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, stop).ConfigureAwait(false);
                await handle(buffer[..got.ReceivedBytes], (IPEndPoint)got.RemoteEndPoint, stop).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                // skip this datagram
            }
        }
    }
}
