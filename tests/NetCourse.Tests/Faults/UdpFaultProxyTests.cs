using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NetCourse.Tests.Faults;

public class UdpFaultProxyTests
{
    [Test, CancelAfter(20_000)]
    public async Task The_Same_Seed_Gives_The_Same_Fates_And_Another_Seed_Other_Ones(CancellationToken token)
    {
        var plan = new UdpFaultPlan { Loss = 0.3, Duplicate = 0.2, Reorder = 0.1, Seed = 42 };

        var first = await FatesAsync(plan, 60, token);
        var again = await FatesAsync(plan, 60, token);
        var other = await FatesAsync(plan with { Seed = 43 }, 60, token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(again, Is.EqualTo(first));
            Assert.That(other, Is.Not.EqualTo(first));
            Assert.That(first, Does.Contain(DatagramFate.Dropped).And.Contain(DatagramFate.Duplicated).And.Contain(DatagramFate.Forwarded));
        }
    }

    [Test, CancelAfter(20_000)]
    public async Task A_Higher_Loss_Rate_Drops_The_Same_Datagrams_And_More(CancellationToken token)
    {
        var low = await FatesAsync(new UdpFaultPlan { Loss = 0.1, Seed = 5 }, 60, token);
        var high = await FatesAsync(new UdpFaultPlan { Loss = 0.4, Seed = 5 }, 60, token);

        var droppedLow = Enumerable.Range(0, 60).Where(i => low[i] == DatagramFate.Dropped).ToList();
        var droppedHigh = Enumerable.Range(0, 60).Where(i => high[i] == DatagramFate.Dropped).ToList();
        Assert.That(droppedHigh, Is.SupersetOf(droppedLow).And.Count.GreaterThan(droppedLow.Count));
    }

    [Test, CancelAfter(20_000)]
    public async Task Without_Faults_Every_Request_Is_Answered_Through_The_Proxy(CancellationToken token)
    {
        await using var server = await UdpServer.StartAsync($"udp-proxy-echo-{Guid.NewGuid():N}", d => d);
        await using var proxy = UdpFaultProxy.Start(server.EndPoint, UdpFaultPlan.None);
        using var client = UdpClientSteps.Open();

        var replies = new List<string?>();
        foreach (var word in new[] { "one", "two", "three" })
        {
            UdpClientSteps.Send(client, proxy.EndPoint, Encoding.UTF8.GetBytes(word));
            replies.Add(await UdpClientSteps.ReceiveAsync(client, TimeSpan.FromSeconds(2), token) is { } r ? Encoding.UTF8.GetString(r) : null);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(replies, Is.EqualTo(new[] { "one", "two", "three" }));
            Assert.That(proxy.Records.Count(r => !r.ToServer), Is.EqualTo(3));
        }
    }

    [Test, CancelAfter(20_000)]
    public async Task Reorder_Sends_A_Held_Datagram_After_The_Next(CancellationToken token)
    {
        var got = await DeliveredAsync(new UdpFaultPlan { Reorder = 1 }, ["a", "b", "c", "d"], token);

        Assert.That(got, Is.EqualTo(new[] { "b", "a", "d", "c" }));
    }

    [Test, CancelAfter(20_000)]
    public async Task Duplicate_Sends_Every_Datagram_Twice(CancellationToken token)
    {
        var got = await DeliveredAsync(new UdpFaultPlan { Duplicate = 1 }, ["a", "b"], token);

        Assert.That(got, Is.EqualTo(new[] { "a", "a", "b", "b" }));
    }

    [Test, CancelAfter(20_000)]
    public async Task Delay_Holds_Each_Datagram_At_Least_That_Long(CancellationToken token)
    {
        await using var server = await UdpServer.StartAsync($"udp-proxy-delay-{Guid.NewGuid():N}", d => d);
        await using var proxy = UdpFaultProxy.Start(server.EndPoint, new UdpFaultPlan { Delay = TimeSpan.FromMilliseconds(100) });
        using var client = UdpClientSteps.Open();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        UdpClientSteps.Send(client, proxy.EndPoint, "x"u8);
        var reply = await UdpClientSteps.ReceiveAsync(client, TimeSpan.FromSeconds(3), token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reply, Is.EqualTo("x"u8.ToArray()));
            Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(195)), "100 ms each way");
        }
    }

    [TestCase(-0.1)]
    [TestCase(1.5)]
    [TestCase(double.NaN)]
    public void A_Chance_Outside_0_To_1_Is_Rejected_By_Value(double loss) =>
        Assert.That(() => UdpFaultProxy.Start(new IPEndPoint(IPAddress.Loopback, 9), new UdpFaultPlan { Loss = loss }),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contain($"Loss {loss}"));

    private static async Task<List<DatagramFate>> FatesAsync(UdpFaultPlan plan, int count, CancellationToken token)
    {
        await using var server = await UdpServer.StartAsync($"udp-proxy-sink-{Guid.NewGuid():N}", _ => null);
        await using var proxy = UdpFaultProxy.Start(server.EndPoint, plan);
        using var client = UdpClientSteps.Open();
        for (var i = 0; i < count; i++)
        {
            UdpClientSteps.Send(client, proxy.EndPoint, [(byte)i]);
        }

        while (proxy.Records.Count < count)
        {
            await Task.Delay(10, token);
        }

        return [.. proxy.Records.Where(r => r.ToServer).Select(r => r.Fate)];
    }

    private static async Task<List<string>> DeliveredAsync(UdpFaultPlan plan, string[] words, CancellationToken token)
    {
        var got = new List<string>();
        await using var server = await UdpServer.StartAsync($"udp-proxy-recorder-{Guid.NewGuid():N}", d =>
        {
            lock (got)
            {
                got.Add(Encoding.UTF8.GetString(d));
            }

            return null;
        });
        await using (var proxy = UdpFaultProxy.Start(server.EndPoint, plan))
        {
            using var client = UdpClientSteps.Open();
            foreach (var word in words)
            {
                UdpClientSteps.Send(client, proxy.EndPoint, Encoding.UTF8.GetBytes(word));
            }

            while (true)
            {
                lock (got)
                {
                    if (got.Count >= words.Length * (plan.Duplicate > 0 ? 2 : 1))
                    {
                        break;
                    }
                }

                await Task.Delay(10, token);
            }
        }

        lock (got)
        {
            return [.. got];
        }
    }
}
