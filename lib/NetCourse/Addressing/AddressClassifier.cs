using System.Net;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>
/// Classifies IPv4 addresses by the IANA IPv4 special-purpose address registry (RFC 6890) plus multicast, and IPv6
/// addresses into their main special blocks.
/// </summary>
public static class AddressClassifier
{
    // First match wins: the IANA IPv4 special-purpose registry (RFC 6890), most specific entries first, then multicast.
    private static readonly (string Prefix, AddressKind Kind)[] V4Blocks =
    [
        ("0.0.0.0/32", AddressKind.Unspecified),
        ("0.0.0.0/8", AddressKind.ThisNetwork),
        ("10.0.0.0/8", AddressKind.Private),
        ("100.64.0.0/10", AddressKind.SharedCgnat),
        ("127.0.0.0/8", AddressKind.Loopback),
        ("169.254.0.0/16", AddressKind.LinkLocal),
        ("172.16.0.0/12", AddressKind.Private),
        ("192.0.0.9/32", AddressKind.Global),
        ("192.0.0.10/32", AddressKind.Global),
        ("192.0.0.0/24", AddressKind.ProtocolAssignments),
        ("192.0.2.0/24", AddressKind.Documentation),
        ("192.168.0.0/16", AddressKind.Private),
        ("198.18.0.0/15", AddressKind.Benchmarking),
        ("198.51.100.0/24", AddressKind.Documentation),
        ("203.0.113.0/24", AddressKind.Documentation),
        ("224.0.0.0/4", AddressKind.Multicast),
        ("255.255.255.255/32", AddressKind.Broadcast),
        ("240.0.0.0/4", AddressKind.Reserved),
    ];
    /// <summary>Classifies an address given as text (IPv4 or IPv6).</summary>
    /// <exception cref="ArgumentException">The text is not an IP address.</exception>
    public static AddressKind Classify(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return IPAddress.TryParse(address, out var parsed)
            ? Classify(parsed)
            : throw new ArgumentException($"'{address}' is not an IPv4 or IPv6 address.", nameof(address));
    }

    /// <summary>Classifies an address.</summary>
    public static AddressKind Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var text = address.ToString();
            return V4Blocks.FirstOrDefault(b => Ipv4Prefix.Parse(b.Prefix).Contains(text), (Prefix: "", Kind: AddressKind.Global)).Kind;
        }

        var bytes = address.GetAddressBytes();
        return address switch
        {
            _ when address.Equals(IPAddress.IPv6None) => AddressKind.Unspecified,
            _ when address.Equals(IPAddress.IPv6Loopback) => AddressKind.Loopback,
            _ when address.IsIPv6LinkLocal => AddressKind.LinkLocal,
            _ when address.IsIPv6Multicast => AddressKind.Multicast,
            _ when address.IsIPv6UniqueLocal => AddressKind.UniqueLocal,
            _ when bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0d && bytes[3] == 0xb8 => AddressKind.Documentation,
            _ => AddressKind.Global,
        };
    }

    /// <summary>A table of addresses with their kind, version and bit width.</summary>
    public static HtmlTable Describe(params string[] addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var table = new HtmlTable("address", "version", "bits", "kind") { Caption = "What each address is for" };
        foreach (var text in addresses)
        {
            var address = IPAddress.TryParse(text, out var parsed)
                ? parsed
                : throw new ArgumentException($"'{text}' is not an IPv4 or IPv6 address.", nameof(addresses));
            var v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
            table.AddRow(text, v6 ? "IPv6" : "IPv4", v6 ? 128 : 32, Classify(address));
        }

        return table;
    }
}
