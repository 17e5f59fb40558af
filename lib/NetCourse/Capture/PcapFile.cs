using System.Buffers.Binary;
using System.Net;

namespace NetCourse;

/// <summary>
/// Reads classic pcap files (as tcpdump -w writes them): either byte order, microsecond or nanosecond timestamps, and
/// the link types Ethernet (1), BSD loopback (0), Linux cooked v1 (113) and v2 (276). Returns the TCP segments over IPv4 and IPv6.
/// </summary>
public static class PcapFile
{
    /// <summary>Reads a capture file.</summary>
    public static IReadOnlyList<TcpSegment> Read(string path) => Parse(File.ReadAllBytes(path ?? throw new ArgumentNullException(nameof(path))));

    /// <summary>Parses capture bytes.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a classic pcap capture, or a record is cut short.</exception>
    public static IReadOnlyList<TcpSegment> Parse(ReadOnlySpan<byte> data)
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
        TimeSpan? start = null;
        var offset = 24;
        while (offset + 16 <= data.Length)
        {
            var seconds = U32(data[offset..]);
            var fraction = U32(data[(offset + 4)..]);
            var captured = (int)U32(data[(offset + 8)..]);
            if (offset + 16 + captured > data.Length)
            {
                throw new InvalidDataException($"The record at byte {offset} claims {captured} bytes but the file ends first.");
            }

            var time = TimeSpan.FromSeconds(seconds) + (nanoseconds ? TimeSpan.FromTicks(fraction / 100) : TimeSpan.FromMicroseconds(fraction));
            start ??= time;
            if (Decode(data.Slice(offset + 16, captured), linkType, time - start.Value) is { } segment)
            {
                segments.Add(segment);
            }

            offset += 16 + captured;
        }

        return segments;
    }

    private static TcpSegment? Decode(ReadOnlySpan<byte> frame, uint linkType, TimeSpan time)
    {
        (int Offset, int Protocol) link = linkType switch
        {
            1 when frame.Length >= 14 => (14, BinaryPrimitives.ReadUInt16BigEndian(frame[12..])),
            113 when frame.Length >= 16 => (16, BinaryPrimitives.ReadUInt16BigEndian(frame[14..])),
            276 when frame.Length >= 20 => (20, BinaryPrimitives.ReadUInt16BigEndian(frame)),
            0 when frame.Length >= 4 => (4, frame[0] == 2 || frame[3] == 2 ? 0x0800 : 0x86dd),
            _ => (-1, 0),
        };
        if (link.Offset < 0)
        {
            return null;
        }

        var ip = frame[link.Offset..];
        IPAddress source, destination;
        ReadOnlySpan<byte> tcp;
        int payloadBytes;
        if (link.Protocol == 0x0800 && ip.Length >= 20 && ip[9] == 6)
        {
            var headerLength = (ip[0] & 0xF) * 4;
            var total = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
            source = new IPAddress(ip.Slice(12, 4));
            destination = new IPAddress(ip.Slice(16, 4));
            tcp = ip[headerLength..];
            payloadBytes = total - headerLength;
        }
        else if (link.Protocol == 0x86dd && ip.Length >= 40 && ip[6] == 6)
        {
            source = new IPAddress(ip.Slice(8, 16));
            destination = new IPAddress(ip.Slice(24, 16));
            tcp = ip[40..];
            payloadBytes = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        }
        else
        {
            return null;
        }

        if (tcp.Length < 20)
        {
            return null;
        }

        var dataOffset = (tcp[12] >> 4) * 4;
        return new TcpSegment(
            time,
            new IPEndPoint(source, BinaryPrimitives.ReadUInt16BigEndian(tcp)),
            new IPEndPoint(destination, BinaryPrimitives.ReadUInt16BigEndian(tcp[2..])),
            BinaryPrimitives.ReadUInt32BigEndian(tcp[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(tcp[8..]),
            (TcpControlBits)tcp[13],
            BinaryPrimitives.ReadUInt16BigEndian(tcp[14..]),
            Math.Max(0, payloadBytes - dataOffset));
    }
}
