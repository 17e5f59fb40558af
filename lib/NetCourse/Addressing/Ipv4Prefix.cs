using System.Globalization;

namespace NetCourse;

/// <summary>
/// An IPv4 address with a prefix length ("192.168.1.77/26") and the addresses the prefix defines:
/// network, broadcast, first and last host. Nothing is assumed from the last byte: everything follows from the prefix.
/// </summary>
public sealed class Ipv4Prefix : ITabular
{
    private Ipv4Prefix(uint address, int length)
    {
        AddressValue = address;
        Length = length;
    }

    /// <summary>The address as written.</summary>
    public string Address => Ipv4Address.FromUInt32(AddressValue);

    /// <summary>The prefix length, 0-32.</summary>
    public int Length { get; }

    /// <summary>The subnet mask, e.g. 255.255.255.192 for /26.</summary>
    public string Mask => Ipv4Address.FromUInt32(MaskValue);

    /// <summary>The network address: the host bits cleared.</summary>
    public string Network => Ipv4Address.FromUInt32(AddressValue & MaskValue);

    /// <summary>The broadcast address: the host bits set. /31 and /32 have none (RFC 3021), so this is null.</summary>
    public string? Broadcast => Length >= 31 ? null : Ipv4Address.FromUInt32(AddressValue | ~MaskValue);

    /// <summary>The first usable host address (for /31 and /32 the network address itself).</summary>
    public string FirstHost => Ipv4Address.FromUInt32(Length >= 31 ? AddressValue & MaskValue : (AddressValue & MaskValue) + 1);

    /// <summary>The last usable host address.</summary>
    public string LastHost => Ipv4Address.FromUInt32(Length >= 31 ? AddressValue | ~MaskValue : (AddressValue | ~MaskValue) - 1);

    /// <summary>How many host addresses the block has (2^(32-length), less network and broadcast for /30 and shorter).</summary>
    public long HostCount => Length switch
    {
        32 => 1,
        31 => 2,
        _ => (1L << (32 - Length)) - 2,
    };

    private uint AddressValue { get; }

    private uint MaskValue => Length == 0 ? 0 : uint.MaxValue << (32 - Length);

    /// <summary>Parses "a.b.c.d/n".</summary>
    /// <exception cref="ArgumentException">The address or the prefix length is malformed.</exception>
    public static Ipv4Prefix Parse(string cidr)
    {
        ArgumentNullException.ThrowIfNull(cidr);
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            throw new ArgumentException($"'{cidr}' has no prefix length: write it as address/length, e.g. 192.168.1.77/26.", nameof(cidr));
        }

        var lengthText = cidr[(slash + 1)..];
        if (!int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > 32)
        {
            throw new ArgumentException($"Prefix length '{lengthText}' in '{cidr}' must be a whole number from 0 to 32.", nameof(cidr));
        }

        return new Ipv4Prefix(Ipv4Address.ToUInt32(cidr[..slash]), length);
    }

    /// <summary>True when <paramref name="address"/> lies in this prefix's block.</summary>
    internal bool Contains(string address) => (Ipv4Address.ToUInt32(address) & MaskValue) == (AddressValue & MaskValue);

    /// <inheritdoc/>
    public override string ToString() => $"{Address}/{Length}";

    /// <inheritdoc/>
    public HtmlTable ToTable() =>
        new HtmlTable("what", "address", "bits")
        {
            Caption = $"{this}: {HostCount:N0} host {(HostCount == 1 ? "address" : "addresses")}",
        }
        .AddRow("address", Address, Ipv4Address.ToBinary(Address))
        .AddRow($"mask (/{Length})", Mask, Ipv4Address.ToBinary(Mask))
        .AddRow("network (host bits 0)", Network, Ipv4Address.ToBinary(Network))
        .AddRow("first host", FirstHost, Ipv4Address.ToBinary(FirstHost))
        .AddRow("last host", LastHost, Ipv4Address.ToBinary(LastHost))
        .AddRow("broadcast (host bits 1)", Broadcast ?? "none (/31 and /32)", Broadcast is null ? "" : Ipv4Address.ToBinary(Broadcast));
}
