using System.Net;

namespace NetCourse;

/// <summary>
/// A small authoritative DNS server on loopback UDP for a few fixed names (A and AAAA records). Answers point back
/// to the question's name with a compression pointer; an unknown name gets RCODE 3 (NXDOMAIN), a query it cannot
/// parse RCODE 1 (FORMERR) when its 12-byte header is there, and nothing when it is not; a malformed query never stops it.
/// </summary>
public sealed class TinyDnsServer : IAsyncDisposable
{
    private readonly UdpServer _udp;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<IPAddress>> _zone;
    private int _answered;
    private int _unknown;
    private int _formatErrors;
    private int _dropped;

    private TinyDnsServer(UdpServer udp, IReadOnlyDictionary<string, IReadOnlyList<IPAddress>> zone)
    {
        _udp = udp;
        _zone = zone;
    }

    /// <summary>The names the course's server knows unless told otherwise: course.test on both loopback addresses, and one name per family.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<IPAddress>> CourseZone { get; } = new Dictionary<string, IReadOnlyList<IPAddress>>(StringComparer.OrdinalIgnoreCase)
    {
        ["course.test"] = [IPAddress.IPv6Loopback, IPAddress.Loopback],
        ["www.course.test"] = [IPAddress.Parse("127.0.0.2"), IPAddress.Parse("127.0.0.3")],
        ["v4.course.test"] = [IPAddress.Loopback],
        ["v6.course.test"] = [IPAddress.IPv6Loopback],
    };

    /// <summary>Where queries go.</summary>
    public IPEndPoint EndPoint => _udp.EndPoint;

    /// <summary>The names and addresses served.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<IPAddress>> Zone => _zone;

    /// <summary>A table of what the server did: answered, unknown names, format errors, dropped.</summary>
    public HtmlTable Counts => new HtmlTable("answered", "NXDOMAIN (unknown name)", "FORMERR (could not parse)", "dropped (no header, or a response)")
        .AddRow(Volatile.Read(ref _answered), Volatile.Read(ref _unknown), Volatile.Read(ref _formatErrors), Volatile.Read(ref _dropped));

    /// <summary>Starts the server on 127.0.0.1 port 0 with <paramref name="zone"/> (default <see cref="CourseZone"/>); starting a name again stops the old server.</summary>
    public static async Task<TinyDnsServer> StartAsync(string name = "tiny-dns", IReadOnlyDictionary<string, IReadOnlyList<IPAddress>>? zone = null)
    {
        var names = new Dictionary<string, IReadOnlyList<IPAddress>>(zone ?? CourseZone, StringComparer.OrdinalIgnoreCase);
        TinyDnsServer? server = null;
        var udp = await UdpServer.StartAsync(name, query => server?.Answer(query)).ConfigureAwait(false);
        server = new TinyDnsServer(udp, names);
        return server;
    }

    /// <summary>Stops the server.</summary>
    public ValueTask DisposeAsync() => _udp.DisposeAsync();

    /// <summary>The reply to one query, or null to send none.</summary>
    internal byte[]? Answer(byte[] query)
    {
        DnsMessage request;
        try
        {
            request = DnsMessage.Parse(query);
        }
        catch (FormatException)
        {
            if (query.Length < 12)
            {
                Interlocked.Increment(ref _dropped);
                return null;
            }

            Interlocked.Increment(ref _formatErrors);
            var id = (ushort)((query[0] << 8) | query[1]);
            return new DnsMessage(id, 0x8000 | 1, [], [], [], []).Encode();
        }

        const ushort responseFlags = 0x8000 | 0x0400; // QR, AA
        var flags = (ushort)(responseFlags | (request.Flags & 0x0100));
        if (request.IsResponse)
        {
            Interlocked.Increment(ref _dropped); // answering a response could start an endless exchange between two servers
            return null;
        }

        if (request.Opcode != 0 || request.Questions.Count != 1)
        {
            Interlocked.Increment(ref _formatErrors);
            return new DnsMessage(request.Id, (ushort)(flags | (request.Opcode != 0 ? 4 : 1)), request.Questions, [], [], []).Encode();
        }

        var question = request.Questions[0];
        if (!_zone.TryGetValue(question.Name.TrimEnd('.'), out var addresses))
        {
            Interlocked.Increment(ref _unknown);
            return new DnsMessage(request.Id, (ushort)(flags | 3), request.Questions, [], [], []).Encode();
        }

        Interlocked.Increment(ref _answered);
        var wanted = question.Type switch
        {
            DnsMessage.TypeA => System.Net.Sockets.AddressFamily.InterNetwork,
            DnsMessage.TypeAaaa => System.Net.Sockets.AddressFamily.InterNetworkV6,
            _ => System.Net.Sockets.AddressFamily.Unknown,
        };
        var answers = question.Class == DnsMessage.ClassIn
            ? addresses.Where(a => a.AddressFamily == wanted).Select(a => DnsRecord.For(question.Name, a)).ToList()
            : [];
        return new DnsMessage(request.Id, flags, request.Questions, answers, [], []).Encode();
    }
}
