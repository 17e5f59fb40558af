using System.Net;

namespace NetCourse.Tests.Names;

public class HappyEyeballsTests
{
    private static readonly TimeSpan TimerGranularity = TimeSpan.FromMilliseconds(20);

    [Test]
    public void Families_Alternate_Starting_With_The_First()
    {
        var v6a = IPAddress.Parse("::1");
        var v6b = IPAddress.Parse("::2");
        var v4a = IPAddress.Parse("127.0.0.1");
        var v4b = IPAddress.Parse("127.0.0.2");

        Assert.That(HappyEyeballs.Interleave([v6a, v6b, v4a, v4b]), Is.EqualTo(new[] { v6a, v4a, v6b, v4b }));
    }

    [Test, CancelAfter(20_000)]
    public async Task A_Stalled_Ipv6_Address_Loses_To_Ipv4_After_The_Stagger(CancellationToken token)
    {
        using var stalled = await StalledListener.StartAsync(IPAddress.IPv6Loopback, token);
        await using var v4 = await TcpServer.StartAsync($"he-{Guid.NewGuid():N}", (s, ct) => Task.CompletedTask, IPAddress.Loopback, stalled.EndPoint.Port, cancellationToken: token);

        using var raced = await HappyEyeballs.ConnectAsync([IPAddress.IPv6Loopback, IPAddress.Loopback], stalled.EndPoint.Port, cancellationToken: token);
        using var oneByOne = await HappyEyeballs.OneByOneAsync([IPAddress.IPv6Loopback, IPAddress.Loopback], stalled.EndPoint.Port, TimeSpan.FromSeconds(1), token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(((IPEndPoint)raced.Winner!.RemoteEndPoint!).Address, Is.EqualTo(IPAddress.Loopback));
            Assert.That(raced.Attempts[1].Started, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(240)));
            Assert.That(raced.Attempts[0].Outcome, Does.StartWith("cancelled"));
            Assert.That(raced.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)));
            Assert.That(oneByOne.Attempts[0].Outcome, Is.EqualTo("no answer within 1 s"));
            // Timers count in the OS tick (1-16 ms), so a 1 s CancelAfter can end a few ms before the Stopwatch reads 1 s.
            Assert.That(oneByOne.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1) - TimerGranularity));
        }
    }

    [Test, CancelAfter(20_000)]
    public async Task A_Refused_Address_Starts_The_Next_At_Once(CancellationToken token)
    {
        await using var v4 = await TcpServer.StartAsync($"he-{Guid.NewGuid():N}", (s, ct) => Task.CompletedTask, IPAddress.Loopback, cancellationToken: token);
        var closed = Listeners.ClosedPort(IPAddress.IPv6Loopback);

        using var raced = await HappyEyeballs.ConnectAsync([IPAddress.IPv6Loopback, IPAddress.Loopback], v4.EndPoint.Port, TimeSpan.FromSeconds(2), cancellationToken: token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(raced.Winner, Is.Not.Null, raced.ToTable().ToString());
            Assert.That(raced.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1.5)), "no wait for the 2 s stagger after a refusal");
        }

        Assert.That(closed.Port, Is.Not.Zero);
    }
}
