using System.Net.Sockets;

namespace NetCourse.Tests.Failures;

public class FailuresTests
{
    [Test, CancelAfter(20_000)]
    public async Task Linger_Zero_Close_Resets_The_Clients_Receive(CancellationToken token)
    {
        var log = await NetCourse.Failures.ResetByLingerZeroAsync(token);

        Assert.That(log["Receive"].Error, Is.EqualTo(SocketError.ConnectionReset), log.ToTable().ToString());
    }

    [Test, CancelAfter(20_000)]
    public async Task Connect_To_A_Closed_Port_Is_Refused(CancellationToken token) =>
        Assert.That((await NetCourse.Failures.ConnectToClosedPortAsync(token)).Steps[0].Error, Is.EqualTo(SocketError.ConnectionRefused));

    [Test, CancelAfter(20_000)]
    public async Task After_The_Peer_Closed_The_First_Write_Succeeds_And_The_Second_Breaks_The_Pipe(CancellationToken token)
    {
        var sends = (await NetCourse.Failures.WriteAfterPeerClosedAsync(token)).Steps.Where(s => s.Call.StartsWith("Send", StringComparison.Ordinal)).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sends[0].Result, Is.EqualTo("returned 3"));
            Assert.That(sends[1].Error, Is.EqualTo(SocketError.Shutdown).Or.EqualTo(SocketError.ConnectionReset));
        }
    }

    [Test, CancelAfter(20_000)]
    public async Task A_Close_With_Unread_Data_Resets_The_Connection(CancellationToken token) =>
        Assert.That((await NetCourse.Failures.CloseWithUnreadDataAsync(token))["Receive"].Error, Is.EqualTo(SocketError.ConnectionReset));

    [Test, CancelAfter(30_000)]
    public async Task Keepalive_Finds_A_Vanished_Peer_And_Without_It_Only_The_Deadline_Ends_The_Wait(CancellationToken token)
    {
        var without = await NetCourse.Failures.HalfOpenAsync(keepAlive: false, TimeSpan.FromSeconds(1), token);
        if (without.Skipped is { } reason)
        {
            Assert.Ignore(reason);
        }

        var with = await NetCourse.Failures.HalfOpenAsync(keepAlive: true, TimeSpan.FromSeconds(8), token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(without["Receive"].Result, Does.StartWith("TimeoutException"));
            Assert.That(without["Receive"].ClientState, Is.EqualTo("ESTABLISHED"), "half-open: the client sees nothing wrong");
            Assert.That(with["Receive"].Error, Is.EqualTo(SocketError.ConnectionReset).Or.EqualTo(SocketError.TimedOut));
            Assert.That(with["Receive"].Milliseconds, Is.LessThan(7000));
        }
    }

    [Test, CancelAfter(30_000)]
    public async Task Keepalive_Does_Not_Find_A_Silent_Proxy(CancellationToken token) =>
        Assert.That((await NetCourse.Failures.SilentPeerAsync(TimeSpan.FromSeconds(2.5), token))["Receive"].Result, Does.StartWith("TimeoutException"));

    [Test, CancelAfter(30_000)]
    public async Task Two_Senders_That_Never_Read_Stop_Until_Their_Deadlines_And_Readers_Fix_It(CancellationToken token)
    {
        var deadlock = await NetCourse.Failures.SendSendAsync(readWhileSending: false, cancellationToken: token);
        var fine = await NetCourse.Failures.SendSendAsync(readWhileSending: true, cancellationToken: token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(deadlock.Steps.Select(s => s.Result), Is.All.StartWith("TimeoutException").And.All.Contains("stopped after"));
            Assert.That(fine.Steps.Select(s => s.Result), Is.All.StartWith("sent all 4,194,304; read 4,194,304"));
        }
    }

    [Test, CancelAfter(30_000)]
    public async Task Every_Waiting_Call_Ends_At_Its_Deadline(CancellationToken token)
    {
        var log = await NetCourse.Failures.DeadlinesAsync(TimeSpan.FromSeconds(0.3), token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(log.Steps, Has.Count.EqualTo(6));
            Assert.That(log.Steps.Select(s => s.Threw), Is.All.True, log.ToTable().ToString());
            Assert.That(log.Steps.Select(s => s.Milliseconds), Is.All.LessThan(3000));
        }
    }

    [Test, CancelAfter(30_000)]
    public async Task Nagle_With_Delayed_Ack_Stalls_A_Write_Write_Read_Round_Trip(CancellationToken token)
    {
        var run = await NagleExperiment.RunAsync(rounds: 10, token);

        Assert.That(run.Nagle.P50, Is.GreaterThan(10 * run.NoDelay.P50), run.ToTable().ToString());
    }
}
