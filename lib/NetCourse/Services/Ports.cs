using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>Port numbers: validation, IANA ranges, this machine's ephemeral range, binding port 0.</summary>
public static class Ports
{
    /// <summary>The highest port number: ports are 16-bit.</summary>
    public const int Max = 65535;

    /// <summary>Throws unless <paramref name="port"/> is 0-65535.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The port is outside 0-65535.</exception>
    internal static int Validate(int port) =>
        port is >= 0 and <= Max ? port : throw new ArgumentOutOfRangeException(nameof(port), port, $"Port {port} is outside 0-65535.");

    /// <summary>The IANA range <paramref name="port"/> belongs to.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The port is outside 0-65535.</exception>
    public static PortRange Classify(int port) => Validate(port) switch
    {
        <= 1023 => PortRange.System,
        <= 49151 => PortRange.User,
        _ => PortRange.Dynamic,
    };

    /// <summary>
    /// The range the OS picks client (ephemeral) ports from: on Linux /proc/sys/net/ipv4/ip_local_port_range
    /// (default 32768-60999); elsewhere the IANA dynamic range 49152-65535.
    /// </summary>
    public static (int First, int Last, string Source) EphemeralRange()
    {
        const string File = "/proc/sys/net/ipv4/ip_local_port_range";
        if (System.IO.File.Exists(File))
        {
            var parts = System.IO.File.ReadAllText(File).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last))
            {
                return (first, last, File);
            }
        }

        return (49152, 65535, "IANA dynamic range (no Linux setting found)");
    }

    /// <summary>Binds a TCP socket to port 0 on <paramref name="address"/> (default 127.0.0.1) and returns the port the OS chose.</summary>
    internal static int PickFree(IPAddress? address = null)
    {
        address ??= IPAddress.Loopback;
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
