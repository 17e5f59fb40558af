using System.Net;

namespace NetCourse;

/// <summary>A resource record of a DNS message (RFC 1035 §4.1.3): name, type, class, time to live and data.</summary>
public sealed record DnsRecord(string Name, ushort Type, ushort Class, uint Ttl, byte[] Data)
{
    /// <summary>The address an A (4 bytes) or AAAA (16 bytes) record holds; null for other records.</summary>
    public IPAddress? Address =>
        (Type == DnsMessage.TypeA && Data.Length == 4) || (Type == DnsMessage.TypeAaaa && Data.Length == 16) ? new IPAddress(Data) : null;

    /// <summary>An A or AAAA record for <paramref name="address"/>.</summary>
    public static DnsRecord For(string name, IPAddress address, uint ttl = 60)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new DnsRecord(name, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? DnsMessage.TypeAaaa : DnsMessage.TypeA,
            DnsMessage.ClassIn, ttl, address.GetAddressBytes());
    }
}
