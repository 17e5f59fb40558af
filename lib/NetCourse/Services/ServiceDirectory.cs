using System.Globalization;

namespace NetCourse;

/// <summary>
/// Service names and ports (getservbyname / getservbyport): read from the system's services database
/// (/etc/services), with a built-in table for names the database lacks or machines without one.
/// </summary>
public sealed class ServiceDirectory
{
    /// <summary>The name of the built-in source.</summary>
    public const string BuiltIn = "built-in table";

    private static readonly ServiceEntry[] Fallback =
    [
        new("ftp", 21, "tcp", BuiltIn), new("ssh", 22, "tcp", BuiltIn), new("telnet", 23, "tcp", BuiltIn),
        new("smtp", 25, "tcp", BuiltIn), new("domain", 53, "udp", BuiltIn), new("domain", 53, "tcp", BuiltIn),
        new("tftp", 69, "udp", BuiltIn), new("http", 80, "tcp", BuiltIn), new("pop3", 110, "tcp", BuiltIn),
        new("ntp", 123, "udp", BuiltIn), new("imap", 143, "tcp", BuiltIn), new("snmp", 161, "udp", BuiltIn),
        new("https", 443, "tcp", BuiltIn), new("submission", 587, "tcp", BuiltIn), new("imaps", 993, "tcp", BuiltIn),
        new("mysql", 3306, "tcp", BuiltIn), new("postgresql", 5432, "tcp", BuiltIn), new("redis", 6379, "tcp", BuiltIn),
    ];

    private readonly List<ServiceEntry> _entries;

    private ServiceDirectory(List<ServiceEntry> entries) => _entries = entries;

    /// <summary>The directory for this machine: /etc/services when present, then the built-in table.</summary>
    public static ServiceDirectory System { get; } = Load("/etc/services");

    /// <summary>Reads a services file (missing file = built-in table only).</summary>
    public static ServiceDirectory Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var entries = File.Exists(path) ? File.ReadLines(path).SelectMany(line => ParseLine(line, path)).ToList() : [];
        return new ServiceDirectory(entries);
    }

    /// <summary>Parses one line of a services file: "name port/protocol [aliases...] [# comment]". Blank and comment lines give nothing.</summary>
    /// <exception cref="FormatException">The line has a name but no valid port/protocol.</exception>
    internal static IEnumerable<ServiceEntry> ParseLine(string line, string source = "services file")
    {
        ArgumentNullException.ThrowIfNull(line);
        var hash = line.IndexOf('#', StringComparison.Ordinal);
        var fields = (hash >= 0 ? line[..hash] : line).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 0)
        {
            return [];
        }

        var slash = fields.Length > 1 ? fields[1].IndexOf('/', StringComparison.Ordinal) : -1;
        if (slash < 0
            || !int.TryParse(fields[1][..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port > Ports.Max)
        {
            throw new FormatException($"'{line}' is not a services entry: expected 'name port/protocol'.");
        }

        var protocol = fields[1][(slash + 1)..];
        return fields.Where((_, i) => i != 1).Select(name => new ServiceEntry(name, port, protocol, source));
    }

    /// <summary>The port of a service (getservbyname).</summary>
    /// <exception cref="ArgumentException">The name is unknown to the database and the built-in table.</exception>
    public ServiceEntry Lookup(string name, string protocol = "tcp")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Find(e => e.Name.Equals(name, StringComparison.OrdinalIgnoreCase) && e.Protocol == protocol)
            ?? throw new ArgumentException($"Unknown service '{name}' for {protocol}: not in the services database or the built-in table.", nameof(name));
    }

    /// <summary>The service registered for a port (getservbyport), or null.</summary>
    public ServiceEntry? NameOf(int port, string protocol = "tcp")
    {
        Ports.Validate(port);
        return Find(e => e.Port == port && e.Protocol == protocol);
    }

    /// <summary>A table of services: name, port, protocol, IANA range, source.</summary>
    public HtmlTable Describe(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var table = new HtmlTable("service", "port", "protocol", "range", "answered by") { Caption = "getservbyname" };
        foreach (var entry in names.Select(n => Lookup(n)))
        {
            table.AddRow(entry.Name, entry.Port, entry.Protocol, Ports.Classify(entry.Port), entry.Source);
        }

        return table;
    }

    private ServiceEntry? Find(Func<ServiceEntry, bool> match) => _entries.FirstOrDefault(match) ?? Fallback.FirstOrDefault(match);
}
