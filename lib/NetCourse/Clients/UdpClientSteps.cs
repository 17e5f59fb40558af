using System.Net;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>Datagram steps with deadlines: send one datagram, receive one datagram.</summary>
public static class UdpClientSteps
{
    /// <summary>A UDP socket bound to port 0 on the loopback address of <paramref name="family"/>.</summary>
    public static Socket Open(AddressFamily family = AddressFamily.InterNetwork)
    {
        var socket = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback, 0));
        return socket;
    }

    /// <summary>Sends one datagram; it arrives whole or not at all.</summary>
    public static int Send(Socket socket, EndPoint to, ReadOnlySpan<byte> datagram)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return socket.SendTo(datagram, to);
    }

    /// <summary>Receives one datagram, or null when none arrives within <paramref name="timeout"/>.</summary>
    public static async Task<byte[]?> ReceiveAsync(Socket socket, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var buffer = new byte[65536];
        try
        {
            var anyone = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
            var result = await Deadline.RunAsync("Receiving a datagram", timeout,
                ct => socket.ReceiveFromAsync(buffer, SocketFlags.None, anyone, ct), cancellationToken).ConfigureAwait(false);
            return buffer[..result.ReceivedBytes];
        }
        catch (TimeoutException)
        {
            return null;
        }
    }
}
