using System.Net;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>Bare listening sockets for timing experiments, where the lesson controls accept and the backlog itself.</summary>
public static class Listeners
{
    /// <summary>A socket listening on <paramref name="address"/> port 0 with the given backlog. Nothing accepts from it unless you do.</summary>
    public static Socket Listen(IPAddress address, int backlog = 512)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(backlog);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        socket.Listen(backlog);
        return socket;
    }

    /// <summary>An endpoint on <paramref name="address"/> where nothing listens (a port bound then released), for timing refused connects.</summary>
    public static IPEndPoint ClosedPort(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        return (IPEndPoint)socket.LocalEndPoint!;
    }
}
