namespace NetCourse;

/// <summary>One address of one network interface.</summary>
/// <param name="Interface">The interface name, e.g. lo or eth0.</param>
/// <param name="Type">Loopback, Ethernet, Wireless80211, ...</param>
/// <param name="Status">Up, Down, ...</param>
/// <param name="Family">IPv4 or IPv6.</param>
/// <param name="Address">The address.</param>
/// <param name="PrefixLength">The prefix length of its subnet.</param>
/// <param name="Kind">What the address block is for.</param>
/// <param name="Mac">The hardware address, empty for loopback.</param>
public sealed record InterfaceAddress(
    string Interface, string Type, string Status, string Family, string Address, int PrefixLength, AddressKind Kind, string Mac);
