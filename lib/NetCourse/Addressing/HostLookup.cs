using System.Net;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>The answer to a forward lookup: a name and the addresses it resolves to.</summary>
/// <param name="Name">The name that was looked up.</param>
/// <param name="Addresses">IPv4 and IPv6 addresses, as the resolver returned them.</param>
public sealed record HostLookup(string Name, IReadOnlyList<IPAddress> Addresses) : ITabular
{
    /// <inheritdoc/>
    public HtmlTable ToTable()
    {
        var table = new HtmlTable("address", "family", "kind") { Caption = $"{Name} resolves to {Addresses.Count} {(Addresses.Count == 1 ? "address" : "addresses")}" };
        foreach (var address in Addresses)
        {
            table.AddRow(address, address.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4", AddressClassifier.Classify(address));
        }

        return table;
    }
}
