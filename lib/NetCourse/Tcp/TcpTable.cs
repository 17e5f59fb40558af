using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;

namespace NetCourse;

/// <summary>The machine's TCP sockets (what ss / netstat show), read from /proc/net/tcp and tcp6 on Linux.</summary>
public sealed class TcpTable : ITabular
{
    private TcpTable(IReadOnlyList<TcpSocketEntry> entries) => Entries = entries;

    /// <summary>Every socket read.</summary>
    public IReadOnlyList<TcpSocketEntry> Entries { get; }

    /// <summary>The listening sockets.</summary>
    public IEnumerable<TcpSocketEntry> Listening => Entries.Where(e => e.State == TcpConnectionState.Listen);

    /// <summary>
    /// The socket of the connection from <paramref name="local"/> to <paramref name="remote"/>, or null when there is
    /// none. Both ends are matched: a local port can also belong to an older connection to another peer, still in TIME_WAIT.
    /// </summary>
    public TcpSocketEntry? Connection(IPEndPoint local, IPEndPoint remote)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(remote);
        return Entries.FirstOrDefault(e => e.Local.Equals(local) && e.Remote.Equals(remote));
    }

    /// <summary>Reads the table now (Linux: /proc; elsewhere the listeners .NET reports, without states of connections).</summary>
    public static TcpTable Read()
    {
        if (File.Exists("/proc/net/tcp"))
        {
            var lines = File.ReadLines("/proc/net/tcp").Skip(1);
            if (File.Exists("/proc/net/tcp6"))
            {
                lines = lines.Concat(File.ReadLines("/proc/net/tcp6").Skip(1));
            }

            return new TcpTable([.. lines.Select(ParseLine)]);
        }

        var listeners = IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners();
        return new TcpTable([.. listeners.Select(l => new TcpSocketEntry(l, new IPEndPoint(IPAddress.Any, 0), TcpConnectionState.Listen, 0))]);
    }

    /// <summary>Parses one data line of /proc/net/tcp or tcp6.</summary>
    /// <exception cref="FormatException">The line does not have the /proc layout.</exception>
    internal static TcpSocketEntry ParseLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 10)
        {
            throw new FormatException($"'{line}' is not a /proc/net/tcp line: it has {fields.Length} fields, expected at least 10.");
        }

        var state = int.Parse(fields[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return new TcpSocketEntry(ParseEndPoint(fields[1]), ParseEndPoint(fields[2]), (TcpConnectionState)state,
            long.Parse(fields[9], CultureInfo.InvariantCulture));
    }

    /// <summary>Decodes "0100007F:1F90" (IPv4) or a 32-hex-digit IPv6 address, each 32-bit word in host (little-endian) order.</summary>
    /// <exception cref="FormatException">The text is not address:port in hex.</exception>
    internal static IPEndPoint ParseEndPoint(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var colon = hex.IndexOf(':', StringComparison.Ordinal);
        if (colon is not (8 or 32))
        {
            throw new FormatException($"'{hex}' is not a /proc/net/tcp address: expected 8 or 32 hex digits, a colon and a port.");
        }

        var bytes = Convert.FromHexString(hex[..colon]);
        for (var word = 0; word < bytes.Length; word += 4)
        {
            Array.Reverse(bytes, word, 4);
        }

        var port = int.Parse(hex[(colon + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return new IPEndPoint(new IPAddress(bytes), port);
    }

    /// <inheritdoc/>
    public HtmlTable ToTable()
    {
        var table = new HtmlTable("local", "remote", "state") { Caption = $"{Entries.Count} TCP {(Entries.Count == 1 ? "socket" : "sockets")}" };
        foreach (var e in Entries.OrderBy(e => e.Local.Port))
        {
            table.AddRow(e.Local, e.Remote, e.State);
        }

        return table;
    }

    /// <summary>This table with only some of its sockets, e.g. <c>table.Where(e => e.State == TcpConnectionState.Listen)</c>.</summary>
    public TcpTable Where(Func<TcpSocketEntry, bool> predicate) => new([.. Entries.Where(predicate)]);
}
