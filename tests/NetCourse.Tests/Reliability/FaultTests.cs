using System.Net.Sockets;
using System.Text;

namespace NetCourse.Tests.Reliability;

public class FaultTests
{
    [Test, CancelAfter(15_000)]
    public async Task Client_Reset_Mid_Message_Leaves_The_Server_Serving_Others(CancellationToken token)
    {
        await using var server = await TcpServer.StartAsync($"rst-{Guid.NewGuid()}", Handlers.PerLine(l => l.ToUpperInvariant()), cancellationToken: token);
        using (var rude = await SocketClient.ConnectAsync(server.EndPoint, cancellationToken: token))
        {
            await SocketClient.SendAllAsync(rude, "half a li", cancellationToken: token);
            rude.LingerState = new LingerOption(true, 0); // close with RST, mid-line
        }

        var reply = await SocketClient.RequestAsync(server.EndPoint, "still there?\n", cancellationToken: token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reply, Is.EqualTo("STILL THERE?\n"));
            Assert.That(server.IsRunning, Is.True);
        }
    }

    [Test, CancelAfter(15_000)]
    public async Task Client_Half_Close_Still_Gets_Every_Reply(CancellationToken token)
    {
        await using var server = await TcpServer.StartAsync($"half-{Guid.NewGuid()}", Handlers.Echo, cancellationToken: token);
        using var client = await SocketClient.ConnectAsync(server.EndPoint, cancellationToken: token);
        var message = new byte[200_000];
        Random.Shared.NextBytes(message);

        await SocketClient.SendAllAsync(client, message, cancellationToken: token);
        client.Shutdown(SocketShutdown.Send);
        var echoed = await SocketClient.ReceiveUntilClosedAsync(client, cancellationToken: token);

        Assert.That(echoed, Is.EqualTo(message));
    }

    [Test, CancelAfter(15_000)]
    public async Task Server_Half_Close_Lets_The_Client_Keep_Sending(CancellationToken token)
    {
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TcpServer.StartAsync($"server-half-{Guid.NewGuid()}", async (s, ct) =>
        {
            await s.SendAsync("bye from server"u8.ToArray(), SocketFlags.None, ct);
            s.Shutdown(SocketShutdown.Send);
            received.SetResult(Encoding.UTF8.GetString(await SocketClient.ReceiveUntilClosedAsync(s, cancellationToken: ct)));
        }, cancellationToken: token);
        using var client = await SocketClient.ConnectAsync(server.EndPoint, cancellationToken: token);

        var fromServer = await SocketClient.ReceiveUntilClosedAsync(client, cancellationToken: token);
        await SocketClient.SendAllAsync(client, "client still talking", cancellationToken: token);
        client.Shutdown(SocketShutdown.Send);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Encoding.UTF8.GetString(fromServer), Is.EqualTo("bye from server"));
            Assert.That(await received.Task.WaitAsync(TimeSpan.FromSeconds(5), token), Is.EqualTo("client still talking"));
        }
    }
}
