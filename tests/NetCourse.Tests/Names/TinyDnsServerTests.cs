using System.Net;

namespace NetCourse.Tests.Names;

public class TinyDnsServerTests
{
    [Test, CancelAfter(20_000)]
    public async Task Answers_A_And_Aaaa_Unknown_Names_And_Malformed_Queries(CancellationToken token)
    {
        await using var dns = await TinyDnsServer.StartAsync($"dns-{Guid.NewGuid():N}");
        using var client = UdpClientSteps.Open();

        var a = await AskAsync(client, dns.EndPoint, DnsMessage.Query(1, "course.test"), token);
        var aaaa = await AskAsync(client, dns.EndPoint, DnsMessage.Query(2, "COURSE.test", DnsMessage.TypeAaaa), token);
        var unknown = await AskAsync(client, dns.EndPoint, DnsMessage.Query(3, "nowhere.test"), token);
        var garbled = await AskAsync(client, dns.EndPoint, Convert.FromHexString("0004010000010000000000004000"), token);
        var tiny = await AskAsync(client, dns.EndPoint, [1, 2, 3], token);
        var after = await AskAsync(client, dns.EndPoint, DnsMessage.Query(5, "v4.course.test"), token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(a!.Answers.Select(r => r.Address), Is.EqualTo(new[] { IPAddress.Loopback }));
            Assert.That(aaaa!.Answers.Select(r => r.Address), Is.EqualTo(new[] { IPAddress.IPv6Loopback }));
            Assert.That(unknown!.ResponseCode, Is.EqualTo(3));
            Assert.That(garbled!.ResponseCode, Is.EqualTo(1));
            Assert.That(garbled.Id, Is.EqualTo(4));
            Assert.That(tiny, Is.Null, "fewer than 12 bytes: no id to answer to");
            Assert.That(after!.Answers.Single().Address, Is.EqualTo(IPAddress.Loopback), "still serving after malformed queries");
            Assert.That(dns.Counts.ToString(), Does.Contain("1"));
        }
    }

    private static async Task<DnsMessage?> AskAsync(System.Net.Sockets.Socket client, IPEndPoint server, byte[] query, CancellationToken token)
    {
        UdpClientSteps.Send(client, server, query);
        return await UdpClientSteps.ReceiveAsync(client, TimeSpan.FromMilliseconds(500), token) is { } reply ? DnsMessage.Parse(reply) : null;
    }
}
