using System.Text;

namespace NetCourse.Tests.Reliability;

public class StopAndWaitTests
{
    [Test, CancelAfter(30_000)]
    public async Task Every_Message_Arrives_Once_And_In_Order_Over_A_Lossy_Duplicating_Path(CancellationToken token)
    {
        var receiver = new StopAndWaitReceiver();
        await using var server = await UdpServer.StartAsync($"saw-{Guid.NewGuid():N}", receiver.Handle);
        await using var proxy = UdpFaultProxy.Start(server.EndPoint, new UdpFaultPlan { Loss = 0.25, Duplicate = 0.3, Reorder = 0.1, Seed = 7 });
        using var socket = UdpClientSteps.Open();
        var messages = Enumerable.Range(0, 25).Select(i => Encoding.UTF8.GetBytes($"message {i}")).ToList();

        var result = await StopAndWait.SendAsync(socket, proxy.EndPoint, messages, cancellationToken: token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.GaveUp, Is.False);
            Assert.That(result.Acknowledged, Is.EqualTo(25));
            Assert.That(receiver.Delivered.Select(Encoding.UTF8.GetString), Is.EqualTo(messages.Select(Encoding.UTF8.GetString)));
            Assert.That(result.Retransmissions, Is.GreaterThan(0), "a quarter of the datagrams were dropped");
            Assert.That(receiver.Duplicates, Is.GreaterThan(0), "the proxy duplicated some");
        }
    }

    [Test, CancelAfter(15_000)]
    public async Task A_Sender_Nobody_Answers_Gives_Up_After_Its_Tries(CancellationToken token)
    {
        await using var silent = await UdpServer.StartAsync($"saw-silent-{Guid.NewGuid():N}", _ => null);
        using var socket = UdpClientSteps.Open();
        var options = new StopAndWaitOptions { InitialTimeout = TimeSpan.FromMilliseconds(20), MaxTries = 3 };

        var result = await StopAndWait.SendAsync(socket, silent.EndPoint, [[1], [2]], options, token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.GaveUp, Is.True);
            Assert.That(result.Acknowledged, Is.Zero);
            Assert.That(result.Transmissions, Is.EqualTo(3));
            Assert.That(silent.Received, Is.EqualTo(3));
            Assert.That(result.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(20 + 40 + 80 - 5)));
        }
    }

    [Test]
    public void Timeouts_Double_Up_To_The_Cap()
    {
        var options = new StopAndWaitOptions { InitialTimeout = TimeSpan.FromMilliseconds(40), MaxTimeout = TimeSpan.FromMilliseconds(200) };

        Assert.That(Enumerable.Range(1, 5).Select(a => options.TimeoutOf(a).TotalMilliseconds), Is.EqualTo(new[] { 40.0, 80, 160, 200, 200 }));
    }

    [Test]
    public void Receiver_Acknowledges_A_Copy_Again_But_Delivers_It_Once()
    {
        var receiver = new StopAndWaitReceiver();
        byte[] first = [0, 0, 0, 0, 42];

        var acks = new[] { receiver.Handle(first), receiver.Handle(first), receiver.Handle([0, 0, 0, 5, 1]), receiver.Handle([1]) };

        using (Assert.EnterMultipleScope())
        {
            Assert.That(acks[0], Is.EqualTo(new byte[] { 0, 0, 0, 0 }));
            Assert.That(acks[1], Is.EqualTo(new byte[] { 0, 0, 0, 0 }));
            Assert.That(acks[2], Is.Null, "sequence 5 is ahead of the next expected, 1");
            Assert.That(acks[3], Is.Null, "too short for a sequence number");
            Assert.That(receiver.Delivered, Has.Count.EqualTo(1));
            Assert.That(receiver.Duplicates, Is.EqualTo(1));
            Assert.That(receiver.Malformed, Is.EqualTo(2));
        }
    }

    [Test]
    public void Options_Out_Of_Range_Are_Rejected_By_Value() =>
        Assert.That(() => new StopAndWaitOptions { Backoff = 0.5 }.Validated(), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contain("Backoff 0.5"));

    [Test, CancelAfter(60_000)]
    public async Task Experiment_Delivers_Everything_Reliably_And_Loses_Some_Plain_Datagrams(CancellationToken token)
    {
        var experiment = await ReliableUdpExperiment.RunAsync([0, 0.3], messages: 12, seed: 1, cancellationToken: token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(experiment.Rows.Select(r => r.StopAndWaitDelivered), Is.EqualTo(new[] { 12, 12 }));
            Assert.That(experiment.Rows.Select(r => r.TcpDelivered), Is.EqualTo(new[] { 12, 12 }));
            Assert.That(experiment.Rows[0].SentOnceDelivered, Is.EqualTo(12));
            Assert.That(experiment.Rows[1].SentOnceDelivered, Is.LessThan(12));
            Assert.That(experiment.Rows[1].Transmissions, Is.GreaterThan(experiment.Rows[0].Transmissions));
            Assert.That(experiment.ToTable().ToHtml(), Does.Contain("30%"));
        }
    }
}
