namespace NetCourse.Tests.Servers;

public class HandlersTests
{
    [Test, CancelAfter(20_000)]
    public async Task OneShot_Answers_The_Whole_Request_Line_However_It_Was_Split(CancellationToken token)
    {
        await using var server = await TcpServer.StartAsync($"one-shot-{Guid.NewGuid()}", Handlers.OneShot(line => $"got {line}"), cancellationToken: token);
        await using var proxy = FaultProxy.Start(server.EndPoint, new FaultPlan { SplitInto = 3, Delay = TimeSpan.FromMilliseconds(50) });

        var reply = await SocketClient.RequestAsync(proxy.EndPoint, "a request in pieces\n", TimeSpan.FromSeconds(10), token);

        Assert.That(reply, Is.EqualTo("got a request in pieces\n"));
    }

    [Test, CancelAfter(20_000)]
    public async Task OneShot_Gives_No_Answer_To_A_Request_Without_Its_Newline(CancellationToken token)
    {
        await using var server = await TcpServer.StartAsync($"one-shot-{Guid.NewGuid()}", Handlers.OneShot(line => $"got {line}"), cancellationToken: token);

        var reply = await SocketClient.RequestAsync(server.EndPoint, "no newline", TimeSpan.FromSeconds(10), token);

        Assert.That(reply, Is.Empty);
    }
}
