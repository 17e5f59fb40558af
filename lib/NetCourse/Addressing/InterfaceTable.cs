using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>This machine's network interfaces and their addresses: what ifconfig / ip addr / ipconfig show.</summary>
public sealed class InterfaceTable : ITabular
{
    private InterfaceTable(IReadOnlyList<InterfaceAddress> rows) => Addresses = rows;

    /// <summary>One row per address of each interface.</summary>
    public IReadOnlyList<InterfaceAddress> Addresses { get; }

    /// <summary>Reads the interfaces now.</summary>
    public static InterfaceTable Read()
    {
        var rows = new List<InterfaceAddress>();
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            var mac = nic.GetPhysicalAddress().GetAddressBytes();
            var macText = mac.Length == 0 ? "" : string.Join(':', mac.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                rows.Add(new InterfaceAddress(
                    nic.Name,
                    nic.NetworkInterfaceType.ToString(),
                    nic.OperationalStatus.ToString(),
                    unicast.Address.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4",
                    unicast.Address.ToString(),
                    unicast.PrefixLength,
                    AddressClassifier.Classify(unicast.Address),
                    macText));
            }
        }

        return new InterfaceTable(rows);
    }

    /// <inheritdoc/>
    public HtmlTable ToTable()
    {
        var table = new HtmlTable("interface", "type", "status", "family", "address", "prefix", "kind", "MAC")
        {
            Caption = "This machine's interfaces",
        };
        foreach (var a in Addresses)
        {
            table.AddRow(a.Interface, a.Type, a.Status, a.Family, a.Address, $"/{a.PrefixLength}", a.Kind, a.Mac);
        }

        return table;
    }
}
