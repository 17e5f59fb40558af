using System.Buffers.Binary;
using System.Globalization;

namespace NetCourse;

/// <summary>The fixed fields of an IPv4 header (RFC 791), decoded from bytes.</summary>
/// <param name="Version">Always 4.</param>
/// <param name="HeaderLength">Header length in bytes (IHL × 4), 20 without options.</param>
/// <param name="TotalLength">Header plus payload, in bytes.</param>
/// <param name="Identification">Groups the fragments of one datagram.</param>
/// <param name="DontFragment">The DF flag.</param>
/// <param name="TimeToLive">Hops left; every router subtracts one.</param>
/// <param name="Protocol">What the payload is: 1 ICMP, 6 TCP, 17 UDP.</param>
/// <param name="Checksum">The header checksum as sent.</param>
/// <param name="Source">Source address, dotted decimal.</param>
/// <param name="Destination">Destination address, dotted decimal.</param>
/// <param name="ChecksumValid">True when the checksum over the header verifies.</param>
public sealed record Ipv4Header(
    int Version, int HeaderLength, int TotalLength, int Identification, bool DontFragment, int TimeToLive, int Protocol,
    ushort Checksum, string Source, string Destination, bool ChecksumValid) : ITabular
{
    /// <summary>The second byte: DSCP (upper six bits) and ECN (lower two), RFC 2474 and RFC 3168.</summary>
    public int TypeOfService { get; init; }

    /// <summary>The MF flag: more fragments of this datagram follow.</summary>
    public bool MoreFragments { get; init; }

    /// <summary>Where this fragment's data belongs in the datagram, in bytes (the 13-bit field × 8); 0 for the first fragment.</summary>
    public int FragmentOffset { get; init; }

    /// <summary>Decodes an IPv4 header from the start of <paramref name="bytes"/>.</summary>
    /// <exception cref="ArgumentException">Fewer than 20 bytes, a version other than 4, or a header length shorter than 20 bytes or longer than the data.</exception>
    public static Ipv4Header Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 20)
        {
            throw new ArgumentException($"{bytes.Length} bytes is too short for an IPv4 header: it needs at least 20.", nameof(bytes));
        }

        var version = bytes[0] >> 4;
        var headerLength = (bytes[0] & 0x0F) * 4;
        if (version != 4)
        {
            throw new ArgumentException($"Version {version} is not IPv4: the first half-byte must be 4.", nameof(bytes));
        }

        if (headerLength < 20 || headerLength > bytes.Length)
        {
            throw new ArgumentException($"Header length {headerLength} bytes must be 20-60 and fit the {bytes.Length} bytes given.", nameof(bytes));
        }

        var header = bytes[..headerLength];
        return new Ipv4Header(
            version,
            headerLength,
            BinaryPrimitives.ReadUInt16BigEndian(header[2..]),
            BinaryPrimitives.ReadUInt16BigEndian(header[4..]),
            (header[6] & 0x40) != 0,
            header[8],
            header[9],
            BinaryPrimitives.ReadUInt16BigEndian(header[10..]),
            Ipv4Address.FromBytes(header.Slice(12, 4)),
            Ipv4Address.FromBytes(header.Slice(16, 4)),
            InternetChecksum.Compute(header) == 0)
        {
            TypeOfService = header[1],
            MoreFragments = (header[6] & 0x20) != 0,
            FragmentOffset = (BinaryPrimitives.ReadUInt16BigEndian(header[6..]) & 0x1FFF) * 8,
        };
    }

    /// <summary>
    /// Builds the 20-byte header (no options) for a payload of <paramref name="payloadLength"/> bytes, with the
    /// checksum computed.
    /// </summary>
    /// <exception cref="ArgumentException">An address is not dotted IPv4, or a field is outside its range.</exception>
    public static Ipv4Header For(
        int payloadLength, int protocol, string source, string destination, int timeToLive = 64, int identification = 0, bool dontFragment = true)
    {
        Check(payloadLength, 0, 65535 - 20, nameof(payloadLength), "Payload length");
        Check(protocol, 0, 255, nameof(protocol), "Protocol");
        Check(timeToLive, 0, 255, nameof(timeToLive), "Time to live");
        Check(identification, 0, 65535, nameof(identification), "Identification");
        var draft = new Ipv4Header(4, 20, 20 + payloadLength, identification, dontFragment, timeToLive, protocol, 0,
            Ipv4Address.FromBytes(Ipv4Address.ToBytes(source)), Ipv4Address.FromBytes(Ipv4Address.ToBytes(destination)), false);
        return draft with { Checksum = BinaryPrimitives.ReadUInt16BigEndian(draft.ToBytes().AsSpan(10)), ChecksumValid = true };
    }

    /// <summary>
    /// The header as the 20 bytes sent on the wire, with the checksum computed over them (so a header changed with
    /// <c>with</c> is written with a valid checksum, whatever <see cref="Checksum"/> holds).
    /// </summary>
    /// <exception cref="InvalidOperationException">The header has options (a header length other than 20), which this type does not keep, or a field does not fit its bits.</exception>
    public byte[] ToBytes()
    {
        if (HeaderLength != 20)
        {
            throw new InvalidOperationException($"Header length {HeaderLength}: only 20-byte headers without options can be written back.");
        }

        if (TypeOfService is < 0 or > 255 || FragmentOffset < 0 || FragmentOffset % 8 != 0 || FragmentOffset / 8 > 0x1FFF)
        {
            throw new InvalidOperationException(
                $"Type of service {TypeOfService} must be 0-255 and fragment offset {FragmentOffset} a multiple of 8 up to {0x1FFF * 8}.");
        }

        var bytes = new byte[20];
        bytes[0] = (byte)(Version << 4 | HeaderLength / 4);
        bytes[1] = (byte)TypeOfService;
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)TotalLength);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), (ushort)Identification);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(6), (ushort)((DontFragment ? 0x4000 : 0) | (MoreFragments ? 0x2000 : 0) | FragmentOffset / 8));
        bytes[8] = (byte)TimeToLive;
        bytes[9] = (byte)Protocol;
        Ipv4Address.ToBytes(Source).CopyTo(bytes, 12);
        Ipv4Address.ToBytes(Destination).CopyTo(bytes, 16);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(10), InternetChecksum.Compute(bytes));
        return bytes;
    }

    /// <summary>Decodes an IPv4 header written as hex, spaces allowed (e.g. "4500 0073 ...").</summary>
    /// <exception cref="ArgumentException">The text is not hex, or the bytes are not an IPv4 header.</exception>
    public static Ipv4Header ParseHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var digits = string.Concat(hex.Where(c => !char.IsWhiteSpace(c)));
        try
        {
            return Parse(Convert.FromHexString(digits));
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"'{hex}' is not hex bytes: use digits 0-9 and a-f, two per byte.", nameof(hex), e);
        }
    }

    /// <summary>The protocol number with its name, e.g. "6 = TCP".</summary>
    public string ProtocolName => Protocol switch
    {
        1 => "1 = ICMP",
        6 => "6 = TCP",
        17 => "17 = UDP",
        _ => Protocol.ToString(CultureInfo.InvariantCulture),
    };

    /// <inheritdoc/>
    public HtmlTable ToTable() =>
        new HtmlTable("field", "value") { Caption = "IPv4 header" }
            .AddRow("version", Version)
            .AddRow("header length", $"{HeaderLength} bytes")
            .AddRow("total length", $"{TotalLength} bytes")
            .AddRow("identification", Identification)
            .AddRow("type of service", $"0x{TypeOfService:x2} (DSCP {TypeOfService >> 2}, ECN {TypeOfService & 3})")
            .AddRow("don't fragment", DontFragment)
            .AddRow("more fragments", MoreFragments)
            .AddRow("fragment offset", $"{FragmentOffset} bytes")
            .AddRow("time to live", TimeToLive)
            .AddRow("protocol", ProtocolName)
            .AddRow("header checksum", $"0x{Checksum:x4} ({(ChecksumValid ? "valid" : "INVALID")})")
            .AddRow("source", Source)
            .AddRow("destination", Destination);

    private static void Check(int value, int min, int max, string parameter, string what)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(parameter, value, $"{what} {value} is outside {min}-{max}.");
        }
    }
}
