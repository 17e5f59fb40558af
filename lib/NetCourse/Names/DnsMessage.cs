using System.Buffers.Binary;
using System.Text;

namespace NetCourse;

/// <summary>
/// A DNS message (RFC 1035 §4): a 12-byte header, questions, and answer, authority and additional records. Parsing is
/// strict: every length is checked against the message, labels use only the length forms RFC 1035 defines, and a
/// compression pointer must point to an earlier place than the one before it, so a pointer loop cannot hang the parser.
/// </summary>
public sealed record DnsMessage(
    ushort Id, ushort Flags, IReadOnlyList<DnsQuestion> Questions, IReadOnlyList<DnsRecord> Answers, IReadOnlyList<DnsRecord> Authority, IReadOnlyList<DnsRecord> Additional)
{
    /// <summary>Type A: an IPv4 address.</summary>
    public const ushort TypeA = 1;

    /// <summary>Type AAAA: an IPv6 address (RFC 3596).</summary>
    public const ushort TypeAaaa = 28;

    /// <summary>Class IN: the Internet.</summary>
    public const ushort ClassIn = 1;

    /// <summary>The largest message carried over UDP without EDNS (RFC 1035 §4.2.1).</summary>
    public const int MaxUdpSize = 512;

    private const int HeaderSize = 12;
    private const int MaxJumps = 32;

    /// <summary>QR: the message is a response.</summary>
    public bool IsResponse => (Flags & 0x8000) != 0;

    /// <summary>The operation; 0 is a standard query.</summary>
    public int Opcode => (Flags >> 11) & 0xF;

    /// <summary>AA: the answer comes from a server responsible for the name.</summary>
    public bool Authoritative => (Flags & 0x0400) != 0;

    /// <summary>TC: the message was cut short.</summary>
    public bool Truncated => (Flags & 0x0200) != 0;

    /// <summary>RD: the client asks the server to look the name up on its behalf.</summary>
    public bool RecursionDesired => (Flags & 0x0100) != 0;

    /// <summary>The response code: 0 no error, 1 format error, 2 server failure, 3 no such name, 4 not implemented, 5 refused.</summary>
    public int ResponseCode => Flags & 0xF;

    /// <summary>The name of a response code.</summary>
    public static string ResponseCodeName(int code) => code switch
    {
        0 => "NOERROR",
        1 => "FORMERR",
        2 => "SERVFAIL",
        3 => "NXDOMAIN",
        4 => "NOTIMP",
        5 => "REFUSED",
        _ => $"RCODE {code}",
    };

    /// <summary>The bytes of a standard query for one name and type, recursion desired.</summary>
    public static byte[] Query(ushort id, string name, ushort type = TypeA) =>
        new DnsMessage(id, 0x0100, [new DnsQuestion(name, type)], [], [], []).Encode();

    /// <summary>Encodes the message; with <paramref name="compress"/> every name that repeats the end of an earlier one points to it (RFC 1035 §4.1.4).</summary>
    /// <exception cref="ArgumentException">A name has an empty label, a label over 63 bytes, or is over 255 bytes.</exception>
    public byte[] Encode(bool compress = true)
    {
        var bytes = new List<byte>(MaxUdpSize);
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        void U16(int v) => bytes.AddRange([(byte)(v >> 8), (byte)v]);
        void Name(string name)
        {
            var labels = Labels(name);
            for (var i = 0; i < labels.Count; i++)
            {
                var suffix = string.Join('.', labels.Skip(i));
                if (compress && seen.TryGetValue(suffix, out var at))
                {
                    U16(0xC000 | at);
                    return;
                }

                if (bytes.Count < 0x3FFF)
                {
                    seen.TryAdd(suffix, bytes.Count);
                }

                bytes.Add((byte)labels[i].Length);
                bytes.AddRange(labels[i]);
            }

            bytes.Add(0);
        }

        void Record(DnsRecord r)
        {
            Name(r.Name);
            U16(r.Type);
            U16(r.Class);
            U16((int)(r.Ttl >> 16));
            U16((int)(r.Ttl & 0xFFFF));
            U16(r.Data.Length);
            bytes.AddRange(r.Data);
        }

        U16(Id);
        U16(Flags);
        U16(Questions.Count);
        U16(Answers.Count);
        U16(Authority.Count);
        U16(Additional.Count);
        foreach (var q in Questions)
        {
            Name(q.Name);
            U16(q.Type);
            U16(q.Class);
        }

        foreach (var r in Answers.Concat(Authority).Concat(Additional))
        {
            Record(r);
        }

        return [.. bytes];
    }

    /// <summary>Parses a message.</summary>
    /// <exception cref="FormatException">The bytes are not a well-formed DNS message; the message names the offset.</exception>
    public static DnsMessage Parse(ReadOnlySpan<byte> message) => Read(message, null);

    /// <summary>The message field by field: offset, bytes in hex, field and value. Names written as pointers say where they point.</summary>
    /// <exception cref="FormatException">The bytes are not a well-formed DNS message.</exception>
    public static HtmlTable Explain(ReadOnlySpan<byte> message)
    {
        var table = new HtmlTable("offset", "bytes", "field", "value") { Caption = $"DNS message, {message.Length} bytes" };
        var fields = new List<(int Offset, int Length, string Field, string Value)>();
        Read(message, fields);
        foreach (var (offset, length, field, value) in fields)
        {
            table.AddRow(offset, Convert.ToHexString(message.Slice(offset, length)).ToLowerInvariant() is var hex && hex.Length > 24 ? hex[..24] + "…" : Convert.ToHexString(message.Slice(offset, length)).ToLowerInvariant(), field, value);
        }

        return table;
    }

    /// <summary>The labels of a name as bytes, checked: non-empty labels of at most 63 bytes, at most 255 bytes encoded.</summary>
    /// <exception cref="ArgumentException">The name breaks one of those limits.</exception>
    public static IReadOnlyList<byte[]> Labels(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.EndsWith('.') ? name[..^1] : name;
        if (trimmed.Length == 0)
        {
            return [];
        }

        var labels = trimmed.Split('.').Select(Encoding.ASCII.GetBytes).ToList();
        if (labels.Any(l => l.Length is 0 or > 63) || !Encoding.ASCII.GetBytes(trimmed).All(b => b is > 0x20 and < 0x7F))
        {
            throw new ArgumentException($"'{name}' is not a DNS name: each dot-separated label must be 1-63 printable ASCII characters.", nameof(name));
        }

        if (labels.Sum(l => l.Length + 1) + 1 > 255)
        {
            throw new ArgumentException($"'{name}' is longer than the 255 bytes a DNS name may take.", nameof(name));
        }

        return labels;
    }

    private static DnsMessage Read(ReadOnlySpan<byte> m, List<(int, int, string, string)>? log)
    {
        if (m.Length < HeaderSize)
        {
            throw new FormatException($"A DNS message has a 12-byte header; this one has {m.Length} bytes.");
        }

        var id = BinaryPrimitives.ReadUInt16BigEndian(m);
        var flags = BinaryPrimitives.ReadUInt16BigEndian(m[2..]);
        var counts = new int[4];
        for (var i = 0; i < 4; i++)
        {
            counts[i] = BinaryPrimitives.ReadUInt16BigEndian(m[(4 + (2 * i))..]);
        }

        log?.Add((0, 2, "ID", $"{id} (0x{id:x4})"));
        log?.Add((2, 2, "flags", DescribeFlags(flags)));
        string[] countNames = ["QDCOUNT (questions)", "ANCOUNT (answers)", "NSCOUNT (authority)", "ARCOUNT (additional)"];
        for (var i = 0; i < 4; i++)
        {
            log?.Add((4 + (2 * i), 2, countNames[i], counts[i].ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var offset = HeaderSize;
        var questions = new List<DnsQuestion>();
        for (var i = 0; i < counts[0]; i++)
        {
            var name = ReadName(m, ref offset, log, $"question {i + 1} name");
            Need(m, offset, 4, $"question {i + 1} type and class");
            var type = BinaryPrimitives.ReadUInt16BigEndian(m[offset..]);
            var cls = BinaryPrimitives.ReadUInt16BigEndian(m[(offset + 2)..]);
            log?.Add((offset, 2, "QTYPE", TypeName(type)));
            log?.Add((offset + 2, 2, "QCLASS", cls == ClassIn ? "1 (IN)" : cls.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            offset += 4;
            questions.Add(new DnsQuestion(name, type, cls));
        }

        var sections = new List<DnsRecord>[3];
        string[] sectionNames = ["answer", "authority", "additional"];
        for (var s = 0; s < 3; s++)
        {
            sections[s] = [];
            for (var i = 0; i < counts[s + 1]; i++)
            {
                sections[s].Add(ReadRecord(m, ref offset, log, $"{sectionNames[s]} {i + 1}"));
            }
        }

        if (offset != m.Length)
        {
            throw new FormatException($"The message has {m.Length - offset} bytes after its last record (offset {offset}).");
        }

        return new DnsMessage(id, flags, questions, sections[0], sections[1], sections[2]);
    }

    private static DnsRecord ReadRecord(ReadOnlySpan<byte> m, ref int offset, List<(int, int, string, string)>? log, string what)
    {
        var name = ReadName(m, ref offset, log, $"{what} name");
        Need(m, offset, 10, $"{what} type, class, TTL and length");
        var type = BinaryPrimitives.ReadUInt16BigEndian(m[offset..]);
        var cls = BinaryPrimitives.ReadUInt16BigEndian(m[(offset + 2)..]);
        var ttl = BinaryPrimitives.ReadUInt32BigEndian(m[(offset + 4)..]);
        var length = BinaryPrimitives.ReadUInt16BigEndian(m[(offset + 8)..]);
        log?.Add((offset, 2, "TYPE", TypeName(type)));
        log?.Add((offset + 2, 2, "CLASS", cls == ClassIn ? "1 (IN)" : cls.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        log?.Add((offset + 4, 4, "TTL", $"{ttl} s"));
        log?.Add((offset + 8, 2, "RDLENGTH", $"{length} bytes"));
        offset += 10;
        Need(m, offset, length, $"{what} data");
        var data = m.Slice(offset, length).ToArray();
        var record = new DnsRecord(name, type, cls, ttl, data);
        if ((type == TypeA && length != 4) || (type == TypeAaaa && length != 16))
        {
            throw new FormatException($"The {what} is type {TypeName(type)} with {length} data bytes at offset {offset}; it needs {(type == TypeA ? 4 : 16)}.");
        }

        log?.Add((offset, length, "RDATA", record.Address?.ToString() ?? $"{length} bytes"));
        offset += length;
        return record;
    }

    private static string ReadName(ReadOnlySpan<byte> m, ref int offset, List<(int, int, string, string)>? log, string what)
    {
        var start = offset;
        var labels = new List<string>();
        var position = offset;
        var limit = offset; // every pointer must point before the previous jump's target (or before the name itself)
        var jumps = 0;
        var encoded = 1;
        var end = -1;
        var pointedTo = -1;
        while (true)
        {
            Need(m, position, 1, what);
            var length = m[position];
            if ((length & 0xC0) == 0xC0)
            {
                Need(m, position, 2, $"{what} compression pointer");
                var target = BinaryPrimitives.ReadUInt16BigEndian(m[position..]) & 0x3FFF;
                if (target >= limit || ++jumps > MaxJumps)
                {
                    throw new FormatException($"The compression pointer at offset {position} of the {what} points to offset {target}, which is not before offset {limit}: a pointer must point to an earlier name (a loop otherwise).");
                }

                if (end < 0)
                {
                    end = position + 2;
                    pointedTo = target;
                }

                position = limit = target;
                continue;
            }

            if ((length & 0xC0) != 0)
            {
                throw new FormatException($"The length byte 0x{length:x2} at offset {position} of the {what} uses the reserved bits 01 or 10 (RFC 1035 §4.1.4 allows 00, a label, or 11, a pointer).");
            }

            if (length == 0)
            {
                if (end < 0)
                {
                    end = position + 1;
                }

                break;
            }

            Need(m, position + 1, length, $"{what} label");
            encoded += length + 1;
            if (encoded > 255)
            {
                throw new FormatException($"The {what} at offset {start} is longer than 255 bytes.");
            }

            labels.Add(Encoding.Latin1.GetString(m.Slice(position + 1, length)).Replace(".", "\\.", StringComparison.Ordinal)); // a dot inside a label is escaped (RFC 1035 §5.1)
            position += 1 + length;
        }

        var name = labels.Count == 0 ? "." : string.Join('.', labels);
        if (log is not null)
        {
            var written = pointedTo < 0 ? $"{name} (labels, ending in a zero byte)" : $"{name} ({((m[start] & 0xC0) == 0xC0 ? "" : "labels then ")}pointer to offset {pointedTo})";
            log.Add((start, end - start, "NAME", written));
        }

        offset = end;
        return name;
    }

    private static void Need(ReadOnlySpan<byte> m, int offset, int count, string what)
    {
        if (offset + count > m.Length)
        {
            throw new FormatException($"The {what} needs {count} bytes at offset {offset}, but the message ends at {m.Length}.");
        }
    }

    private static string TypeName(ushort type) => type switch
    {
        TypeA => "1 (A)",
        TypeAaaa => "28 (AAAA)",
        5 => "5 (CNAME)",
        _ => type.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string DescribeFlags(ushort flags)
    {
        var parts = new List<string> { (flags & 0x8000) != 0 ? "QR=1 response" : "QR=0 query", $"opcode {(flags >> 11) & 0xF}" };
        if ((flags & 0x0400) != 0)
        {
            parts.Add("AA");
        }

        if ((flags & 0x0200) != 0)
        {
            parts.Add("TC");
        }

        if ((flags & 0x0100) != 0)
        {
            parts.Add("RD");
        }

        if ((flags & 0x0080) != 0)
        {
            parts.Add("RA");
        }

        parts.Add($"RCODE {flags & 0xF} ({ResponseCodeName(flags & 0xF)})");
        return string.Join(", ", parts);
    }
}
