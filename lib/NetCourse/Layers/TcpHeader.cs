using System.Buffers.Binary;
using System.Globalization;

namespace NetCourse;

/// <summary>The fixed 20 bytes of a TCP header (RFC 9293), decoded, or to be written in front of a payload.</summary>
/// <param name="SourcePort">The sending program's port.</param>
/// <param name="DestinationPort">The receiving program's port.</param>
/// <param name="Sequence">Number of the first data byte in this segment.</param>
/// <param name="Acknowledgement">The next byte expected from the peer (valid with ACK).</param>
/// <param name="HeaderLength">Data offset × 4: 20 bytes without options.</param>
/// <param name="Flags">Control bits (SYN, ACK, FIN, RST, PSH, URG...).</param>
/// <param name="Window">How many more bytes the sender of this segment can receive.</param>
/// <param name="Checksum">Checksum over a pseudo-header (IP addresses, protocol number, TCP length), this header and the data.</param>
/// <param name="UrgentPointer">Rarely used.</param>
public sealed record TcpHeader(
    int SourcePort, int DestinationPort, uint Sequence, uint Acknowledgement, int HeaderLength, TcpControlBits Flags, int Window,
    ushort Checksum, int UrgentPointer) : ITabular
{
    /// <summary>Decodes a TCP header from the start of a segment.</summary>
    /// <exception cref="ArgumentException">Fewer than 20 bytes, or a data offset below 20 bytes or beyond the data.</exception>
    public static TcpHeader Parse(ReadOnlySpan<byte> segment)
    {
        if (segment.Length < 20)
        {
            throw new ArgumentException($"{segment.Length} bytes is too short for a TCP header: it needs at least 20.", nameof(segment));
        }

        var headerLength = (segment[12] >> 4) * 4;
        if (headerLength < 20 || headerLength > segment.Length)
        {
            throw new ArgumentException($"Data offset {headerLength} bytes must be 20-60 and fit the {segment.Length} bytes given.", nameof(segment));
        }

        return new TcpHeader(
            BinaryPrimitives.ReadUInt16BigEndian(segment),
            BinaryPrimitives.ReadUInt16BigEndian(segment[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(segment[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(segment[8..]),
            headerLength,
            (TcpControlBits)segment[13],
            BinaryPrimitives.ReadUInt16BigEndian(segment[14..]),
            BinaryPrimitives.ReadUInt16BigEndian(segment[16..]),
            BinaryPrimitives.ReadUInt16BigEndian(segment[18..]));
    }

    /// <summary>A 20-byte header with the given ports, numbers and flags; the checksum is filled in by <see cref="Segment"/>.</summary>
    /// <exception cref="ArgumentException">A port or the window is outside 0-65535.</exception>
    public static TcpHeader For(int sourcePort, int destinationPort, uint sequence, uint acknowledgement, TcpControlBits flags, int window = 64240)
    {
        Ports.Validate(sourcePort);
        Ports.Validate(destinationPort);
        if (window is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, $"Window {window} is outside 0-65535.");
        }

        return new TcpHeader(sourcePort, destinationPort, sequence, acknowledgement, 20, flags, window, 0, 0);
    }

    /// <summary>The header as 20 bytes, the checksum field as stored.</summary>
    /// <exception cref="InvalidOperationException">The header has options, which this type does not keep.</exception>
    public byte[] ToBytes()
    {
        if (HeaderLength != 20)
        {
            throw new InvalidOperationException($"Header length {HeaderLength}: only 20-byte headers without options can be written back.");
        }

        var bytes = new byte[20];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)SourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)DestinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), Sequence);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8), Acknowledgement);
        bytes[12] = 5 << 4;
        bytes[13] = (byte)Flags;
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(14), (ushort)Window);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(16), Checksum);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(18), (ushort)UrgentPointer);
        return bytes;
    }

    /// <summary>This header and <paramref name="payload"/> as one segment, with the checksum computed for the two addresses.</summary>
    public byte[] Segment(string sourceIp, string destinationIp, ReadOnlySpan<byte> payload)
    {
        var segment = new byte[20 + payload.Length];
        (this with { Checksum = 0 }).ToBytes().CopyTo(segment, 0);
        payload.CopyTo(segment.AsSpan(20));
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(16), ComputeChecksum(sourceIp, destinationIp, segment));
        return segment;
    }

    /// <summary>
    /// The TCP checksum of a segment whose checksum field is zero: the Internet checksum over a pseudo-header
    /// (source address, destination address, zero, protocol 6, segment length) followed by the segment.
    /// Over a segment that holds its checksum, the result is 0 when it verifies.
    /// </summary>
    public static ushort ComputeChecksum(string sourceIp, string destinationIp, ReadOnlySpan<byte> segment)
    {
        var pseudo = new byte[12 + segment.Length];
        Ipv4Address.ToBytes(sourceIp).CopyTo(pseudo, 0);
        Ipv4Address.ToBytes(destinationIp).CopyTo(pseudo, 4);
        pseudo[9] = 6;
        BinaryPrimitives.WriteUInt16BigEndian(pseudo.AsSpan(10), (ushort)segment.Length);
        segment.CopyTo(pseudo.AsSpan(12));
        return InternetChecksum.Compute(pseudo);
    }

    /// <inheritdoc/>
    public HtmlTable ToTable() =>
        new HtmlTable("field", "value") { Caption = "TCP header" }
            .AddRow("source port", SourcePort)
            .AddRow("destination port", DestinationPort)
            .AddRow("sequence number", Sequence)
            .AddRow("acknowledgement number", Acknowledgement)
            .AddRow("header length", $"{HeaderLength} bytes")
            .AddRow("flags", TcpFlagNames.Of(Flags))
            .AddRow("window", $"{Window} bytes")
            .AddRow("checksum", "0x" + Checksum.ToString("x4", CultureInfo.InvariantCulture))
            .AddRow("urgent pointer", UrgentPointer);
}
