using System.Buffers.Binary;
using System.Globalization;

namespace NetCourse;

/// <summary>An Ethernet II header: destination MAC, source MAC and the EtherType of what follows (0x0800 IPv4, 0x86DD IPv6, 0x0806 ARP).</summary>
/// <param name="Destination">Destination MAC address, e.g. "02:00:00:00:00:20".</param>
/// <param name="Source">Source MAC address.</param>
/// <param name="EtherType">What the payload is.</param>
public sealed record EthernetHeader(string Destination, string Source, int EtherType) : ITabular
{
    /// <summary>EtherType of IPv4.</summary>
    public const int Ipv4 = 0x0800;

    /// <summary>Decodes the first 14 bytes of a frame.</summary>
    /// <exception cref="ArgumentException">Fewer than 14 bytes.</exception>
    public static EthernetHeader Parse(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 14)
        {
            throw new ArgumentException($"{frame.Length} bytes is too short for an Ethernet II header: it needs 14.", nameof(frame));
        }

        return new EthernetHeader(Mac(frame[..6]), Mac(frame[6..12]), BinaryPrimitives.ReadUInt16BigEndian(frame[12..]));
    }

    /// <summary>The header as 14 bytes.</summary>
    /// <exception cref="ArgumentException">A MAC address is not six hex pairs separated by ':' or '-', or the EtherType is outside 0-65535.</exception>
    public byte[] ToBytes()
    {
        if (EtherType is < 0 or > 0xFFFF)
        {
            throw new ArgumentException($"EtherType {EtherType} is outside 0-65535.", nameof(EtherType));
        }

        var bytes = new byte[14];
        MacBytes(Destination).CopyTo(bytes, 0);
        MacBytes(Source).CopyTo(bytes, 6);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(12), (ushort)EtherType);
        return bytes;
    }

    /// <inheritdoc/>
    public HtmlTable ToTable() =>
        new HtmlTable("field", "value") { Caption = "Ethernet II header" }
            .AddRow("destination MAC", Destination)
            .AddRow("source MAC", Source)
            .AddRow("EtherType", "0x" + EtherType.ToString("x4", CultureInfo.InvariantCulture) + (EtherType == Ipv4 ? " = IPv4" : ""));

    private static string Mac(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant() is var hex
        ? string.Join(':', Enumerable.Range(0, 6).Select(i => hex.Substring(i * 2, 2)))
        : "";

    private static byte[] MacBytes(string mac)
    {
        var parts = mac.Split(':', '-');
        try
        {
            return parts.Length == 6 && parts.All(p => p.Length == 2) ? Convert.FromHexString(string.Concat(parts)) : throw new FormatException();
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"MAC address '{mac}' is not six hex pairs like 02:00:00:00:00:10.", nameof(mac), e);
        }
    }
}
