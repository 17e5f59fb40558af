using System.Buffers.Binary;
using System.Net;

namespace NetCourse;

/// <summary>
/// Reads classic pcap files (as tcpdump -w writes them): either byte order, microsecond or nanosecond timestamps, and
/// the link types Ethernet (1), BSD loopback (0), Linux cooked v1 (113) and v2 (276). Returns the TCP segments over IPv4
/// and IPv6, and counts the packets it skips with the reason (see <see cref="PcapCapture.Skipped"/>).
/// </summary>
public static class PcapFile
{
    private const string CutShort = "cut short by the snap length";

    /// <summary>Reads a capture file.</summary>
    /// <exception cref="InvalidDataException">The file is not a classic pcap capture, or a record is malformed.</exception>
    public static PcapCapture Read(string path) => Parse(File.ReadAllBytes(path ?? throw new ArgumentNullException(nameof(path))));

    /// <summary>Parses capture bytes.</summary>
    /// <exception cref="InvalidDataException">
    /// The bytes are not a classic pcap capture, a record is cut short, or a packet captured whole is shorter than its own headers say.
    /// </exception>
    public static PcapCapture Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < 24)
        {
            throw new InvalidDataException($"A pcap file starts with a 24-byte header; this one has {data.Length} bytes.");
        }

        var magic = BinaryPrimitives.ReadUInt32LittleEndian(data);
        var (littleEndian, nanoseconds) = magic switch
        {
            0xa1b2c3d4 => (true, false),
            0xa1b23c4d => (true, true),
            0xd4c3b2a1 => (false, false),
            0x4d3cb2a1 => (false, true),
            _ => throw new InvalidDataException($"Magic number 0x{magic:x8} is not a classic pcap file (pcapng is not supported)."),
        };
        uint U32(ReadOnlySpan<byte> s) => littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(s) : BinaryPrimitives.ReadUInt32BigEndian(s);
        var linkType = U32(data[20..]);

        var segments = new List<TcpSegment>();
        var skipped = new Dictionary<string, int>(StringComparer.Ordinal);
        TimeSpan? start = null;
        var offset = 24;
        while (offset + 16 <= data.Length)
        {
            var seconds = U32(data[offset..]);
            var fraction = U32(data[(offset + 4)..]);
            var captured = U32(data[(offset + 8)..]);
            var original = U32(data[(offset + 12)..]);
            if (captured > (uint)(data.Length - offset - 16))
            {
                throw new InvalidDataException($"The record at byte {offset} claims {captured} bytes but the file ends first.");
            }

            var time = TimeSpan.FromSeconds(seconds) + (nanoseconds ? TimeSpan.FromTicks(fraction / 100) : TimeSpan.FromMicroseconds(fraction));
            start ??= time;
            var packet = new Packet(data.Slice(offset + 16, (int)captured), captured < original, offset);
            var (segment, reason) = Decode(packet, linkType, time - start.Value);
            if (segment is not null)
            {
                segments.Add(segment);
            }
            else
            {
                skipped[reason!] = skipped.GetValueOrDefault(reason!) + 1;
            }

            offset += 16 + (int)captured;
        }

        return new PcapCapture(segments, skipped);
    }

    private static (TcpSegment? Segment, string? Skipped) Decode(Packet packet, uint linkType, TimeSpan time)
    {
        var frame = packet.Bytes;
        (int Offset, int Protocol) link = linkType switch
        {
            1 when frame.Length >= 14 => (14, BinaryPrimitives.ReadUInt16BigEndian(frame[12..])),
            113 when frame.Length >= 16 => (16, BinaryPrimitives.ReadUInt16BigEndian(frame[14..])),
            276 when frame.Length >= 20 => (20, BinaryPrimitives.ReadUInt16BigEndian(frame)),
            0 when frame.Length >= 4 => (4, frame[0] == 2 || frame[3] == 2 ? 0x0800 : 0x86dd),
            1 or 113 or 276 or 0 => (-1, 0),
            _ => (-2, 0),
        };
        switch (link.Offset)
        {
            case -2:
                return (null, $"link type {linkType} not supported");
            case -1:
                return (null, packet.Cut ? CutShort : throw packet.Malformed("shorter than its link-layer header"));
        }

        if (link.Protocol is 0x8100 or 0x88a8)
        {
            return (null, "802.1Q VLAN tag");
        }

        var ip = frame[link.Offset..];
        IPAddress source, destination;
        ReadOnlySpan<byte> tcp;
        int payloadBytes;
        if (link.Protocol == 0x0800)
        {
            if (ip.Length < 20 || ip.Length < (ip[0] & 0xF) * 4)
            {
                return (null, packet.Cut ? CutShort : throw packet.Malformed($"shorter than its {Math.Max(20, (ip.Length > 0 ? ip[0] & 0xF : 0) * 4)}-byte IPv4 header"));
            }

            var headerLength = (ip[0] & 0xF) * 4;
            var total = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
            if (headerLength < 20)
            {
                throw packet.Malformed($"an IPv4 header length of {headerLength} bytes (at least 20)");
            }

            if (total < headerLength)
            {
                return (null, "IPv4 total length shorter than its header (e.g. 0 on a segment offloaded to the network card)");
            }

            if (ip[9] != 6)
            {
                return (null, "not TCP");
            }

            if ((BinaryPrimitives.ReadUInt16BigEndian(ip[6..]) & 0x1FFF) != 0)
            {
                return (null, "IPv4 fragment after the first");
            }

            source = new IPAddress(ip.Slice(12, 4));
            destination = new IPAddress(ip.Slice(16, 4));
            tcp = ip[headerLength..];
            payloadBytes = total - headerLength;
        }
        else if (link.Protocol == 0x86dd)
        {
            if (ip.Length < 40)
            {
                return (null, packet.Cut ? CutShort : throw packet.Malformed("shorter than its 40-byte IPv6 header"));
            }

            if (ip[6] != 6)
            {
                return (null, ip[6] is 0 or 43 or 44 or 50 or 51 or 60 or 135 or 139 or 140 ? "IPv6 extension header before TCP" : "not TCP");
            }

            source = new IPAddress(ip.Slice(8, 16));
            destination = new IPAddress(ip.Slice(24, 16));
            tcp = ip[40..];
            payloadBytes = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        }
        else
        {
            return (null, "not IPv4 or IPv6");
        }

        if (tcp.Length < 20)
        {
            return (null, packet.Cut ? CutShort : throw packet.Malformed("shorter than its 20-byte TCP header"));
        }

        var dataOffset = (tcp[12] >> 4) * 4;
        return (new TcpSegment(
            time,
            new IPEndPoint(source, BinaryPrimitives.ReadUInt16BigEndian(tcp)),
            new IPEndPoint(destination, BinaryPrimitives.ReadUInt16BigEndian(tcp[2..])),
            BinaryPrimitives.ReadUInt32BigEndian(tcp[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(tcp[8..]),
            (TcpControlBits)tcp[13],
            BinaryPrimitives.ReadUInt16BigEndian(tcp[14..]),
            Math.Max(0, payloadBytes - dataOffset)), null);
    }

    private readonly ref struct Packet(ReadOnlySpan<byte> bytes, bool cut, int offset)
    {
        public ReadOnlySpan<byte> Bytes { get; } = bytes;

        /// <summary>True when the capture kept fewer bytes than were on the wire (the snap length).</summary>
        public bool Cut { get; } = cut;

        public InvalidDataException Malformed(string what) =>
            new($"The record at byte {offset} holds all {Bytes.Length} bytes of its packet, which is {what}.");
    }
}
