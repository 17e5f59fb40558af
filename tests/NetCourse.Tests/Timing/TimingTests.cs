using System.Net;

namespace NetCourse.Tests.Timing;

public class TimingTests
{
    private static readonly double[] Sample = [15, 20, 35, 40, 50];

    [TestCase(0, 15)]
    [TestCase(20, 15)]
    [TestCase(40, 20)]
    [TestCase(50, 35)]
    [TestCase(100, 50)]
    public void Nearest_Rank_Percentile(double percent, double expected) =>
        Assert.That(Percentiles.NearestRank(Sample, percent), Is.EqualTo(expected));

    [Test]
    public void Nearest_Rank_Multiplies_Before_Dividing_So_P7_Of_100_Is_Rank_7() =>
        Assert.That(Percentiles.NearestRank([.. Enumerable.Range(1, 100).Select(i => (double)i)], 7), Is.EqualTo(7));

    [Test]
    public void Percentile_Outside_0_100_Is_Rejected() =>
        Assert.That(() => Percentiles.NearestRank(Sample, 101), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("101"));

    [Test]
    public void Summary_Statistics()
    {
        var sample = new TimingSample("s", [50, 15, 40, 20, 35]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sample.Min, Is.EqualTo(15));
            Assert.That(sample.Max, Is.EqualTo(50));
            Assert.That(sample.P50, Is.EqualTo(35));
            Assert.That(sample.Mean, Is.EqualTo(32));
            Assert.That(sample.StdDev, Is.EqualTo(Math.Sqrt(207.5)).Within(1e-9));
        }
    }

    [Test]
    public void Empty_Sample_Is_Rejected() => Assert.That(() => new TimingSample("empty", []), Throws.ArgumentException.With.Message.Contains("'empty'"));

    [Test, CancelAfter(20_000)]
    public async Task Handshake_Timer_Measures_Every_Connect(CancellationToken token)
    {
        await using var sink = await TcpServer.StartAsync($"sink-{Guid.NewGuid()}", (_, _) => Task.CompletedTask, cancellationToken: token);

        var sample = await HandshakeTimer.MeasureAsync("t", sink.EndPoint, 200, cancellationToken: token);
        var refused = HandshakeTimer.Measure("r", Listeners.ClosedPort(IPAddress.Loopback), 20);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sample.Count, Is.EqualTo(200));
            Assert.That(sample.Min, Is.GreaterThan(0));
            Assert.That(refused.Count, Is.EqualTo(20));
        }
    }

    [Test, CancelAfter(20_000)]
    public async Task Handshake_Timer_By_Name_Resolves_Then_Connects_Every_Time(CancellationToken token)
    {
        await using var sink = await TcpServer.StartAsync($"sink-{Guid.NewGuid()}", (_, _) => Task.CompletedTask, cancellationToken: token);

        var sample = await HandshakeTimer.MeasureByNameAsync("n", "localhost", sink.EndPoint.Port, 20, cancellationToken: token);

        Assert.That(sample.Values, Has.Count.EqualTo(20).And.All.GreaterThan(0));
    }

    [Test, CancelAfter(20_000)]
    public void Handshake_Timer_By_Name_Stops_At_The_Run_Deadline(CancellationToken token)
    {
        using var full = Listeners.Listen(IPAddress.Loopback, backlog: 1); // nobody accepts: later SYNs are dropped
        var clock = System.Diagnostics.Stopwatch.StartNew();

        Assert.That(
            () => HandshakeTimer.MeasureByNameAsync("full", "localhost", ((IPEndPoint)full.LocalEndPoint!).Port, 10, TimeSpan.FromSeconds(1), token),
            Throws.InstanceOf<TimeoutException>());
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2.5)), "stopped by the 1 s run deadline, not the 3 s connect timeout");
    }

    [TestCase(HandshakeTimer.Method.Sync)]
    [TestCase(HandshakeTimer.Method.SocketAsync)]
    [CancelAfter(15_000)]
    public void A_Connect_To_A_Full_Accept_Queue_Stops_At_The_Deadline(HandshakeTimer.Method method, CancellationToken token)
    {
        using var full = Listeners.Listen(IPAddress.Loopback, backlog: 1); // nobody accepts: later SYNs are dropped
        var clock = System.Diagnostics.Stopwatch.StartNew();

        Assert.That(() => HandshakeTimer.MeasureAsync("full", (IPEndPoint)full.LocalEndPoint!, 10, method, TimeSpan.FromSeconds(1), token), Throws.InstanceOf<TimeoutException>());
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [TestCase(0)]
    [TestCase(20_001)]
    public void Count_Out_Of_Range_Is_Rejected(int count) =>
        Assert.That(() => HandshakeTimer.MeasureAsync("x", new IPEndPoint(IPAddress.Loopback, 1), count), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains($"Count {count}"));

    [Test]
    public void Charts_Carry_Titles_And_Axes()
    {
        var sample = new TimingSample("s", [1, 2, 3]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(TimingSample.Histogram("H", sample).GetInlineJS(), Does.Contain("\"title\":\"H\"").And.Contain("microseconds"));
            Assert.That(TimingSample.Histogram("H", new TimingSample("t", [.. Enumerable.Range(1, 200).Select(i => (double)i)])).GetInlineJS(), Does.Contain("2 of 200 values above it not shown"));
            Assert.That(TimingSample.Cdf("C", sample).GetInlineJS(), Does.Contain("\"type\":\"log\""));
        }
    }
}
