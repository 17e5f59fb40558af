using System.Net.Sockets;
using NetCourse.Display;

namespace NetCourse.Tcp;

/// <summary>The socket types, their POSIX and .NET names, and whether this process may create each one.</summary>
public static class SocketKinds
{
    /// <summary>Tries to create a socket of each type and reports what happened (raw sockets need root or CAP_NET_RAW).</summary>
    public static HtmlTable Probe()
    {
        var table = new HtmlTable("POSIX name", ".NET", "protocol", "gives you", "created here?") { Caption = "Socket types" };
        Add(table, "SOCK_STREAM", SocketType.Stream, ProtocolType.Tcp, "a reliable, ordered byte stream (TCP)");
        Add(table, "SOCK_DGRAM", SocketType.Dgram, ProtocolType.Udp, "single datagrams, boundaries kept, no guarantees (UDP)");
        Add(table, "SOCK_RAW", SocketType.Raw, ProtocolType.Icmp, "whole IP packets you build and parse yourself");
        Add(table, "SOCK_SEQPACKET", SocketType.Seqpacket, ProtocolType.Unspecified, "reliable, ordered messages (Unix domain / SCTP)", AddressFamily.Unix);
        return table;
    }

    private static void Add(HtmlTable table, string posix, SocketType type, ProtocolType protocol, string gives, AddressFamily family = AddressFamily.InterNetwork)
    {
        string result;
        try
        {
            using var socket = new Socket(family, type, protocol);
            result = "yes";
        }
        catch (SocketException e)
        {
            result = e.SocketErrorCode == SocketError.AccessDenied
                ? "no: permission denied (needs root / CAP_NET_RAW, or administrator on Windows)"
                : $"no: {e.SocketErrorCode}";
        }

        table.AddRow(posix, $"SocketType.{type}", $"ProtocolType.{protocol}", gives, result);
    }
}
