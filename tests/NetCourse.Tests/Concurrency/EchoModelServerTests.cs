using System.Diagnostics;
using System.Net.Sockets;

namespace NetCourse.Tests.Concurrency;

public class EchoModelServerTests
{
    [TestCase(ServingModel.OneAtATime), TestCase(ServingModel.ThreadPerClient), TestCase(ServingModel.TaskPerClient), TestCase(ServingModel.SelectLoop)]
    [CancelAfter(20_000)]
    public async Task Every_Model_Echoes_And_Closes_When_The_Client_Is_Done(ServingModel model, CancellationToken token)
    {
        await using var server = EchoModelServer.Start(model);

        Assert.That(await SocketClient.RequestAsync(server.EndPoint, "echo this", TimeSpan.FromSeconds(5), token), Is.EqualTo("echo this"));
    }

    [TestCase(ServingModel.OneAtATime), TestCase(ServingModel.ThreadPerClient), TestCase(ServingModel.TaskPerClient), TestCase(ServingModel.SelectLoop)]
    [CancelAfter(20_000)]
    public async Task A_Silent_Client_Is_Closed_After_The_Idle_Timeout(ServingModel model, CancellationToken token)
    {
        await using var server = EchoModelServer.Start(model, TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew(); // before connecting: the server's idle clock cannot start earlier
        using var silent = await SocketClient.ConnectAsync(server.EndPoint, cancellationToken: token);

        var n = await SocketClient.ReceiveAsync(silent, new byte[16], TimeSpan.FromSeconds(5), token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(n, Is.Zero, "the server closed the connection");
            Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290)));
        }
    }

    [Test, CancelAfter(20_000)]
    public async Task One_At_A_Time_Makes_The_Next_Client_Wait_For_A_Silent_One_And_A_Task_Per_Client_Does_Not(CancellationToken token)
    {
        async Task<TimeSpan> SecondClientWaits(ServingModel model)
        {
            await using var server = EchoModelServer.Start(model, TimeSpan.FromMilliseconds(500));
            using var silent = await SocketClient.ConnectAsync(server.EndPoint, cancellationToken: token);
            while (server.Accepted == 0)
            {
                await Task.Delay(5, token);
            }

            var clock = Stopwatch.StartNew();
            Assert.That(await SocketClient.RequestAsync(server.EndPoint, "x", TimeSpan.FromSeconds(5), token), Is.EqualTo("x"));
            return clock.Elapsed;
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await SecondClientWaits(ServingModel.OneAtATime), Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(400)));
            Assert.That(await SecondClientWaits(ServingModel.TaskPerClient), Is.LessThan(TimeSpan.FromMilliseconds(400)));
        }
    }

    [Test, CancelAfter(20_000)]
    public async Task Stopping_Closes_Open_Connections(CancellationToken token)
    {
        var server = EchoModelServer.Start(ServingModel.ThreadPerClient, TimeSpan.FromSeconds(30));
        using var client = await SocketClient.ConnectAsync(server.EndPoint, cancellationToken: token);
        while (server.Accepted == 0)
        {
            await Task.Delay(5, token);
        }

        await server.DisposeAsync();

        string outcome;
        try
        {
            outcome = $"received {await client.ReceiveAsync(new byte[4], SocketFlags.None, token)}";
        }
        catch (SocketException e)
        {
            outcome = e.SocketErrorCode.ToString(); // closing a socket that another thread is blocked on is abortive: RST
        }

        Assert.That(outcome, Is.EqualTo("received 0").Or.EqualTo(nameof(SocketError.ConnectionReset)));
    }

    [Test]
    public void Bad_Idle_Timeout_Is_Rejected_By_Value() =>
        Assert.That(() => EchoModelServer.Start(ServingModel.TaskPerClient, TimeSpan.FromMinutes(5)), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("00:05:00"));

    [Test]
    public void Unknown_Model_Is_Rejected_By_Value() =>
        Assert.That(() => EchoModelServer.Start((ServingModel)42), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("42"));
}
