namespace NetCourse;

/// <summary>What a special IP address block is for.</summary>
public enum AddressKind
{
    /// <summary>0.0.0.0 or :: — "no address"; in bind it means every local interface, never a destination.</summary>
    Unspecified,

    /// <summary>127.0.0.0/8 or ::1 — this host, never leaves the machine.</summary>
    Loopback,

    /// <summary>10/8, 172.16/12, 192.168/16 (RFC 1918) — private networks, not routed on the Internet.</summary>
    Private,

    /// <summary>100.64.0.0/10 (RFC 6598) — carrier-grade NAT.</summary>
    SharedCgnat,

    /// <summary>169.254/16 or fe80::/10 — link-local, configured without a server.</summary>
    LinkLocal,

    /// <summary>224/4 or ff00::/8 — multicast groups.</summary>
    Multicast,

    /// <summary>255.255.255.255 — limited broadcast on the local link.</summary>
    Broadcast,

    /// <summary>192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32 — for documentation only.</summary>
    Documentation,

    /// <summary>fc00::/7 — IPv6 unique local addresses.</summary>
    UniqueLocal,

    /// <summary>Anything else: a globally routable unicast address.</summary>
    Global,
}
