using System.Net;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>
/// This host's name and name lookups, each with a deadline: the .NET equivalents of
/// gethostname, gethostbyname and gethostbyaddr.
/// </summary>
public static class Hosts
{
    /// <summary>The default deadline of a lookup.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>This machine's host name (gethostname).</summary>
    public static string HostName => Dns.GetHostName();

    /// <summary>Resolves a name to its addresses (gethostbyname / getaddrinfo).</summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    /// <exception cref="TimeoutException">The resolver did not answer in time.</exception>
    /// <exception cref="SocketException">The name does not exist.</exception>
    public static async Task<HostLookup> LookupAsync(string name, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var addresses = await Deadline.RunAsync($"Looking up '{name}'", timeout ?? DefaultTimeout, ct => new ValueTask<IPAddress[]>(Dns.GetHostAddressesAsync(name, ct).WaitAsync(ct)), cancellationToken)
            .ConfigureAwait(false);
        return new HostLookup(name, addresses);
    }

    /// <summary>Finds the name registered for an address (gethostbyaddr).</summary>
    /// <exception cref="ArgumentException">The text is not an IP address.</exception>
    /// <exception cref="TimeoutException">The resolver did not answer in time.</exception>
    public static async Task<string> ReverseLookupAsync(string address, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!IPAddress.TryParse(address, out var parsed))
        {
            throw new ArgumentException($"'{address}' is not an IPv4 or IPv6 address.", nameof(address));
        }

        var entry = await Deadline.RunAsync($"The reverse lookup of {address}", timeout ?? DefaultTimeout, ct => new ValueTask<IPHostEntry>(Dns.GetHostEntryAsync(parsed.ToString(), ct).WaitAsync(ct)), cancellationToken)
            .ConfigureAwait(false);
        return entry.HostName;
    }
}
