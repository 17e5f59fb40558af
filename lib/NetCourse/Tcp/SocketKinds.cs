using System.Globalization;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>The socket types, their POSIX and .NET names, and whether this process may create each one.</summary>
public static class SocketKinds
{
    /// <summary>The bit of CAP_NET_RAW in Linux capability sets.</summary>
    private const int CapNetRaw = 13;

    /// <summary>Tries to create a socket of each type and reports what happened, and why a raw socket was allowed or not.</summary>
    public static HtmlTable Probe()
    {
        var table = new HtmlTable("POSIX name", ".NET type", "family", "protocol", "gives you", "created here?") { Caption = "Socket types" };
        Add(table, "SOCK_STREAM", SocketType.Stream, ProtocolType.Tcp, "a reliable, ordered byte stream (TCP)");
        Add(table, "SOCK_DGRAM", SocketType.Dgram, ProtocolType.Udp, "single datagrams, boundaries kept, no guarantees (UDP)");
        Add(table, "SOCK_RAW", SocketType.Raw, ProtocolType.Icmp, "packets of one IP protocol, headers included (here ICMP)");
        Add(table, "SOCK_SEQPACKET", SocketType.Seqpacket, ProtocolType.Unspecified, "reliable, ordered messages (Unix domain / SCTP)", AddressFamily.Unix);
        return table;
    }

    /// <summary>
    /// Whether a <c>/proc/PID/status</c> text grants CAP_NET_RAW in its effective set (<c>CapEff</c>, bit 13); null
    /// when the text has no CapEff line.
    /// </summary>
    internal static bool? HasNetRaw(string procStatus)
    {
        var line = procStatus.Split('\n').FirstOrDefault(l => l.StartsWith("CapEff:", StringComparison.Ordinal));
        return line is not null && ulong.TryParse(line["CapEff:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var caps)
            ? (caps & (1UL << CapNetRaw)) != 0
            : null;
    }

    private static void Add(HtmlTable table, string posix, SocketType type, ProtocolType protocol, string gives, AddressFamily family = AddressFamily.InterNetwork)
    {
        string result;
        try
        {
            using var socket = new Socket(family, type, protocol);
            result = type == SocketType.Raw ? $"yes: {WhyRawIsAllowed()}" : "yes";
        }
        catch (SocketException e)
        {
            result = e.SocketErrorCode == SocketError.AccessDenied
                ? "no: permission denied (needs root / CAP_NET_RAW, or administrator on Windows)"
                : $"no: {e.SocketErrorCode}";
        }

        var familyName = family == AddressFamily.InterNetwork ? "InterNetwork (IPv4)" : family.ToString();
        var protocolName = protocol == ProtocolType.Unspecified ? "0 (default for the type)" : $"ProtocolType.{protocol}";
        table.AddRow(posix, $"SocketType.{type}", familyName, protocolName, gives, result);
    }

    private static string WhyRawIsAllowed()
    {
        var root = Environment.IsPrivilegedProcess ? (OperatingSystem.IsWindows() ? "it runs as administrator" : "it runs as root") : "it is not root";
        if (OperatingSystem.IsLinux() && File.Exists("/proc/self/status") && HasNetRaw(File.ReadAllText("/proc/self/status")) is { } netRaw)
        {
            return netRaw
                ? $"this process holds CAP_NET_RAW (bit {CapNetRaw} of CapEff in /proc/self/status); {root}"
                : $"CapEff in /proc/self/status lacks CAP_NET_RAW, yet the kernel allowed it; {root}";
        }

        return root;
    }
}
