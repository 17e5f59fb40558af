using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace NetCourse;

/// <summary>
/// An Ethernet II frame carrying an IPv4 packet carrying a TCP segment carrying an application payload: built byte by
/// byte with correct checksums, and decoded field by field.
/// </summary>
public sealed class Frame : ITabular
{
    private const int EthernetLength = 14;
    private const int MinimumHeader = 20;

    private Frame(byte[] bytes)
    {
        Bytes = bytes;
        IpHeaderLength = (bytes[EthernetLength] & 0xF) * 4;
        IpTotalLength = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(EthernetLength + 2));
        TcpHeaderLength = (bytes[EthernetLength + IpHeaderLength + 12] >> 4) * 4;
    }

    /// <summary>
    /// The whole frame as software sees it: without the preamble and without the 4-byte FCS (a CRC-32 over the frame)
    /// that the network card appends when sending and checks and strips when receiving; captures omit it too.
    /// </summary>
    public byte[] Bytes { get; }

    /// <summary>The IPv4 header's length in bytes (IHL × 4): 20, more with options.</summary>
    public int IpHeaderLength { get; }

    /// <summary>The IPv4 total length: header, TCP segment and payload. Bytes after it are Ethernet padding.</summary>
    public int IpTotalLength { get; }

    /// <summary>The TCP header's length in bytes (data offset × 4): 20, more with options (a Linux SYN carries 20 bytes of them).</summary>
    public int TcpHeaderLength { get; }

    /// <summary>The application payload inside: after the TCP header (options included), up to the IPv4 total length.</summary>
    public ReadOnlySpan<byte> Payload => Bytes.AsSpan(PayloadStart, PayloadLength);

    private int TcpStart => EthernetLength + IpHeaderLength;

    private int PayloadStart => TcpStart + TcpHeaderLength;

    private int PayloadLength => IpTotalLength - IpHeaderLength - TcpHeaderLength;

    private int PaddingLength => Bytes.Length - EthernetLength - IpTotalLength;

    /// <summary>Wraps <paramref name="payload"/> in TCP, IPv4 and Ethernet headers (PSH+ACK segment, TTL 64).</summary>
    /// <exception cref="ArgumentException">An address is not IPv4 or the payload is too large for one packet.</exception>
    public static Frame Encapsulate(
        byte[] payload, string sourceIp = "192.0.2.10", string destinationIp = "192.0.2.20", int sourcePort = 49152, int destinationPort = 80,
        uint sequence = 1000, uint acknowledgement = 5000)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Length > 1460)
        {
            throw new ArgumentException($"Payload of {payload.Length} bytes does not fit one Ethernet frame (at most 1460).", nameof(payload));
        }

        var ethernet = new EthernetHeader("02:00:00:00:00:20", "02:00:00:00:00:10", EthernetHeader.Ipv4);
        var segment = TcpHeader.For(sourcePort, destinationPort, sequence, acknowledgement, TcpControlBits.Psh | TcpControlBits.Ack)
            .Segment(sourceIp, destinationIp, payload);
        var ip = Ipv4Header.For(segment.Length, protocol: 6, sourceIp, destinationIp, identification: 0x1c46);
        byte[] frame = [.. ethernet.ToBytes(), .. ip.ToBytes(), .. segment];
        return new Frame(frame);
    }

    /// <summary>Wraps UTF-8 text.</summary>
    public static Frame Encapsulate(string text) => Encapsulate(Encoding.UTF8.GetBytes(text ?? throw new ArgumentNullException(nameof(text))));

    /// <summary>
    /// Reads a frame from bytes, checking that it holds IPv4 and TCP. Header lengths come from the IPv4 IHL and the
    /// TCP data offset, so options are read as options; bytes after the IPv4 total length are Ethernet padding.
    /// </summary>
    /// <exception cref="ArgumentException">It is too short, not IPv4/TCP, or a length field does not fit the bytes.</exception>
    public static Frame Parse(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < EthernetLength + MinimumHeader + MinimumHeader)
        {
            throw new ArgumentException($"A frame of {bytes.Length} bytes is too short for Ethernet + IPv4 + TCP headers (54).", nameof(bytes));
        }

        if (BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(12)) != 0x0800 || bytes[EthernetLength] >> 4 != 4 || bytes[EthernetLength + 9] != 6)
        {
            throw new ArgumentException("The frame does not carry IPv4 and TCP.", nameof(bytes));
        }

        var ipHeader = (bytes[EthernetLength] & 0xF) * 4;
        var total = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(EthernetLength + 2));
        if (ipHeader < MinimumHeader || total > bytes.Length - EthernetLength || total < ipHeader + MinimumHeader)
        {
            throw new ArgumentException(
                $"IPv4 header length {ipHeader} and total length {total} bytes must hold a TCP header and fit the {bytes.Length - EthernetLength} bytes after the Ethernet header.",
                nameof(bytes));
        }

        var tcpHeader = (bytes[EthernetLength + ipHeader + 12] >> 4) * 4;
        if (tcpHeader < MinimumHeader || ipHeader + tcpHeader > total)
        {
            throw new ArgumentException($"TCP data offset {tcpHeader} bytes must be at least 20 and fit the {total - ipHeader}-byte segment.", nameof(bytes));
        }

        return new Frame(bytes);
    }

    /// <summary>True when the IPv4 header checksum and the TCP checksum both verify.</summary>
    public bool ChecksumsValid
    {
        get
        {
            var ip = Bytes.AsSpan(EthernetLength, IpHeaderLength);
            var tcp = Bytes.AsSpan(TcpStart, IpTotalLength - IpHeaderLength);
            return InternetChecksum.Compute(ip) == 0
                && TcpHeader.ComputeChecksum(Ipv4Address.FromBytes(ip[12..16]), Ipv4Address.FromBytes(ip[16..20]), tcp) == 0;
        }
    }

    /// <summary>Every header field, layer by layer, outermost first.</summary>
    public IReadOnlyList<HeaderField> Fields()
    {
        var b = Bytes;
        var fields = new List<HeaderField>();
        void Add(string layer, string name, int offset, int length, string value) =>
            fields.Add(new(layer, name, offset, Convert.ToHexString(b, offset, length).ToLowerInvariant(), value));
        string U16(int o) => BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(o)).ToString(CultureInfo.InvariantCulture);
        string U32(int o) => BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(o)).ToString(CultureInfo.InvariantCulture);
        string Mac(int o) => string.Join(':', b.Skip(o).Take(6).Select(x => x.ToString("x2", CultureInfo.InvariantCulture)));
        string Ip(int o) => Ipv4Address.FromBytes(b.AsSpan(o, 4));

        Add("Ethernet", "destination MAC", 0, 6, Mac(0));
        Add("Ethernet", "source MAC", 6, 6, Mac(6));
        Add("Ethernet", "EtherType", 12, 2, "0x0800 = IPv4");
        const int I = EthernetLength;
        Add("IPv4", "version / header length", I, 1, $"version {b[I] >> 4}, {(b[I] & 0xF) * 4} bytes");
        Add("IPv4", "DSCP / ECN", I + 1, 1, b[I + 1].ToString(CultureInfo.InvariantCulture));
        Add("IPv4", "total length", I + 2, 2, $"{U16(I + 2)} bytes");
        Add("IPv4", "identification", I + 4, 2, U16(I + 4));
        var fragmentOffset = BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(I + 6)) & 0x1FFF;
        Add("IPv4", "flags / fragment offset", I + 6, 2,
            ((b[I + 6] & 0x40) != 0 ? "don't fragment" : "may fragment") + ((b[I + 6] & 0x20) != 0 ? ", more fragments" : "") + $", offset {fragmentOffset * 8}");
        Add("IPv4", "time to live", I + 8, 1, $"{b[I + 8]} hops");
        Add("IPv4", "protocol", I + 9, 1, b[I + 9] == 6 ? "6 = TCP" : b[I + 9].ToString(CultureInfo.InvariantCulture));
        Add("IPv4", "header checksum", I + 10, 2, InternetChecksum.Compute(b.AsSpan(I, IpHeaderLength)) == 0 ? "valid" : "INVALID");
        Add("IPv4", "source address", I + 12, 4, Ip(I + 12));
        Add("IPv4", "destination address", I + 16, 4, Ip(I + 16));
        if (IpHeaderLength > MinimumHeader)
        {
            Add("IPv4", "options", I + MinimumHeader, IpHeaderLength - MinimumHeader, $"{IpHeaderLength - MinimumHeader} bytes");
        }

        var T = TcpStart;
        Add("TCP", "source port", T, 2, U16(T));
        Add("TCP", "destination port", T + 2, 2, U16(T + 2));
        Add("TCP", "sequence number", T + 4, 4, U32(T + 4));
        Add("TCP", "acknowledgement number", T + 8, 4, U32(T + 8));
        Add("TCP", "data offset", T + 12, 1, $"{(b[T + 12] >> 4) * 4} bytes of header");
        Add("TCP", "flags", T + 13, 1, $"0x{b[T + 13]:x2} = {TcpFlagNames.Of((TcpControlBits)b[T + 13])}");
        Add("TCP", "window", T + 14, 2, $"{U16(T + 14)} bytes");
        Add("TCP", "checksum", T + 16, 2, ChecksumsValid ? "valid (also covers a pseudo-header: IP addresses, protocol number, TCP length)" : "INVALID");
        Add("TCP", "urgent pointer", T + 18, 2, U16(T + 18));
        if (TcpHeaderLength > MinimumHeader)
        {
            Add("TCP", "options", T + MinimumHeader, TcpHeaderLength - MinimumHeader, $"{TcpHeaderLength - MinimumHeader} bytes (MSS, window scale, timestamps, SACK...)");
        }

        fields.Add(new("Payload", "application data", PayloadStart, $"{PayloadLength} bytes", Encoding.UTF8.GetString(Payload)));
        if (PaddingLength > 0)
        {
            fields.Add(new("Ethernet", "padding", PayloadStart + PayloadLength, $"{PaddingLength} bytes",
                "zeros after the IP packet that bring the frame to Ethernet's 60-byte minimum; not part of IP or TCP"));
        }

        return fields;
    }

    /// <summary>The fields of one layer as a table.</summary>
    public HtmlTable Layer(string layer)
    {
        var table = new HtmlTable("offset", "field", "bytes (hex)", "meaning") { Caption = layer };
        foreach (var f in Fields().Where(f => f.Layer.Equals(layer, StringComparison.OrdinalIgnoreCase)))
        {
            table.AddRow(f.Offset, f.Name, f.Bytes, f.Value);
        }

        return table.Rows.Count > 0 ? table : throw new ArgumentException($"No layer '{layer}': use Ethernet, IPv4, TCP or Payload.", nameof(layer));
    }

    /// <summary>The frame as a hex dump, 16 bytes a line, each byte coloured by the layer it belongs to.</summary>
    public HexDump HexDump() =>
        PaddingLength > 0
            ? new(Bytes, ("Ethernet II", EthernetLength), ("IPv4", IpHeaderLength), ("TCP", TcpHeaderLength), ("payload", PayloadLength), ("Ethernet padding", PaddingLength))
            : new(Bytes, ("Ethernet II", EthernetLength), ("IPv4", IpHeaderLength), ("TCP", TcpHeaderLength), ("payload", PayloadLength));

    /// <inheritdoc/>
    public HtmlTable ToTable()
    {
        var table = new HtmlTable("layer", "field", "meaning") { Caption = "Every header, outermost first" };
        foreach (var f in Fields())
        {
            table.AddRow(f.Layer, f.Name, f.Value);
        }

        return table;
    }
}
