using System.Net;

namespace NetCourse.Tests.Addressing;

public class HostsTests
{
    [Test, CancelAfter(10_000)]
    public async Task Localhost_Resolves_To_A_Loopback_Address(CancellationToken token)
    {
        var lookup = await Hosts.LookupAsync("localhost", cancellationToken: token);

        Assert.That(lookup.Addresses, Has.Some.Matches<IPAddress>(IPAddress.IsLoopback));
    }

    [Test, CancelAfter(10_000)]
    public async Task Reverse_Lookup_Of_Loopback_Gives_A_Name(CancellationToken token) =>
        Assert.That(await Hosts.ReverseLookupAsync("127.0.0.1", cancellationToken: token), Is.Not.Empty);

    [Test]
    public void Reverse_Lookup_Of_Non_Address_Names_It() =>
        Assert.That(() => Hosts.ReverseLookupAsync("not-an-ip"), Throws.ArgumentException.With.Message.Contains("'not-an-ip'"));

    [Test]
    public void Host_Name_Is_Known() => Assert.That(Hosts.HostName, Is.Not.Empty);

    [Test]
    public void Interfaces_Include_Loopback() =>
        Assert.That(InterfaceTable.Read().Addresses, Has.Some.Matches<InterfaceAddress>(a => a.Kind == AddressKind.Loopback));
}
