namespace NetCourse;

/// <summary>
/// What an IP address block is for. The IPv4 kinds follow the IANA IPv4 special-purpose address registry (RFC 6890);
/// every kind except <see cref="Global"/> is not globally reachable.
/// </summary>
public enum AddressKind
{
    /// <summary>0.0.0.0 or :: — "no address"; in bind it means every local interface, never a destination.</summary>
    Unspecified,

    /// <summary>The rest of 0.0.0.0/8 (RFC 791, RFC 1122) — "this network": a source only, never a destination.</summary>
    ThisNetwork,

    /// <summary>127.0.0.0/8 or ::1 — this host, never leaves the machine.</summary>
    Loopback,

    /// <summary>10/8, 172.16/12, 192.168/16 (RFC 1918) — private networks, not routed on the Internet.</summary>
    Private,

    /// <summary>100.64.0.0/10 (RFC 6598) — shared address space for carrier-grade NAT.</summary>
    SharedCgnat,

    /// <summary>169.254/16 or fe80::/10 — link-local, configured without a server.</summary>
    LinkLocal,

    /// <summary>192.0.0.0/24 (RFC 6890) — IETF protocol assignments; its anycast 192.0.0.9 and 192.0.0.10 are <see cref="Global"/>.</summary>
    ProtocolAssignments,

    /// <summary>198.18.0.0/15 (RFC 2544) — for benchmarking network devices in a lab.</summary>
    Benchmarking,

    /// <summary>224/4 or ff00::/8 — multicast groups.</summary>
    Multicast,

    /// <summary>240.0.0.0/4 (RFC 1112) — reserved for future use (all but 255.255.255.255).</summary>
    Reserved,

    /// <summary>255.255.255.255 (RFC 919, RFC 8190) — limited broadcast on the local link.</summary>
    Broadcast,

    /// <summary>192.0.2/24, 198.51.100/24, 203.0.113/24 (RFC 5737), 2001:db8::/32 (RFC 3849) — for documentation only.</summary>
    Documentation,

    /// <summary>fc00::/7 — IPv6 unique local addresses.</summary>
    UniqueLocal,

    /// <summary>Anything else: a globally reachable unicast address.</summary>
    Global,
}
