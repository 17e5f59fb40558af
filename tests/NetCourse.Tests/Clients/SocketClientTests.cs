using System.Net;
using System.Net.Sockets;

namespace NetCourse.Tests.Clients;

public class SocketClientTests
{
    [Test, CancelAfter(10_000)]
    public async Task Receive_With_Nothing_To_Receive_Times_Out_Naming_The_Peer(CancellationToken token)
    {
        await using var server = await TcpServer.StartAsync($"silent-{Guid.NewGuid()}", (s, ct) => Task.Delay(Timeout.Infinite, ct), cancellationToken: token);
        using var client = await SocketClient.ConnectAsync(server.EndPoint, cancellationToken: token);

        Assert.That(() => SocketClient.ReceiveAsync(client, new byte[16], TimeSpan.FromMilliseconds(200), token),
            Throws.TypeOf<TimeoutException>().With.Message.Contains($"Receiving from {server.EndPoint}").And.Message.Contains("0.2 s"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Peer_Closing_Early_Ends_Receive_Exactly_With_The_Count(CancellationToken token)
    {
        await using var server = await TcpServer.StartAsync($"short-{Guid.NewGuid()}", async (s, ct) => await s.SendAsync("abc"u8.ToArray(), ct), cancellationToken: token);
        using var client = await SocketClient.ConnectAsync(server.EndPoint, cancellationToken: token);

        Assert.That(() => SocketClient.ReceiveExactlyAsync(client, 10, cancellationToken: token),
            Throws.TypeOf<EndOfStreamException>().With.Message.Contains("after 3 of 10 bytes"));
    }

    [Test, CancelAfter(10_000)]
    public void Connect_To_A_Closed_Port_Is_Refused(CancellationToken token) =>
        Assert.That(() => SocketClient.ConnectAsync(Listeners.ClosedPort(IPAddress.Loopback), cancellationToken: token),
            Throws.InstanceOf<SocketException>().With.Property(nameof(SocketException.SocketErrorCode)).EqualTo(SocketError.ConnectionRefused));

    [Test, CancelAfter(15_000)]
    public async Task Sending_To_A_Peer_That_Never_Reads_Hits_The_Deadline(CancellationToken token)
    {
        await using var server = await TcpServer.StartAsync($"never-reads-{Guid.NewGuid()}", (s, ct) => Task.Delay(Timeout.Infinite, ct), cancellationToken: token);
        using var client = await SocketClient.ConnectAsync(server.EndPoint, cancellationToken: token);

        Assert.That(() => SocketClient.SendAllAsync(client, new byte[64 * 1024 * 1024], TimeSpan.FromMilliseconds(500), token),
            Throws.TypeOf<TimeoutException>().With.Message.Contains("Sending 67108864 bytes"));
    }

    [Test]
    public void Non_Positive_Deadline_Is_Rejected() =>
        Assert.That(() => Deadline.RunAsync("x", TimeSpan.Zero, _ => ValueTask.FromResult(1)), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("must be positive"));

    [Test, CancelAfter(10_000)]
    public async Task Receive_Exactly_Gathers_Partial_Receives(CancellationToken token)
    {
        await using var server = await TcpServer.StartAsync($"dribble-{Guid.NewGuid()}", async (s, ct) =>
        {
            foreach (var b in "dribble"u8.ToArray())
            {
                await s.SendAsync(new[] { b }, ct);
                await Task.Delay(5, ct);
            }
        }, cancellationToken: token);
        using var client = await SocketClient.ConnectAsync(server.EndPoint, cancellationToken: token);

        Assert.That(await SocketClient.ReceiveExactlyAsync(client, 7, cancellationToken: token), Is.EqualTo("dribble"u8.ToArray()));
    }

    [Test, CancelAfter(15_000)]
    public async Task Request_Has_One_Deadline_For_The_Whole_Exchange(CancellationToken token)
    {
        // Sending waits ~0.7 s for the server to start reading, then the reply comes ~0.7 s after the request:
        // each step fits 1 s, the whole exchange does not.
        await using var server = await TcpServer.StartAsync($"slow-{Guid.NewGuid()}", async (s, ct) =>
        {
            await Task.Delay(700, ct);
            var buffer = new byte[65536];
            while (await s.ReceiveAsync(buffer, SocketFlags.None, ct) > 0)
            {
            }

            await Task.Delay(700, ct);
            await s.SendAsync("ok"u8.ToArray(), SocketFlags.None, ct);
        }, cancellationToken: token);
        var request = new string('a', 32 * 1024 * 1024);

        Assert.That(() => SocketClient.RequestAsync(server.EndPoint, request, TimeSpan.FromSeconds(1), token),
            Throws.TypeOf<TimeoutException>().With.Message.Contains($"A request to {server.EndPoint} did not finish within 1 s"));
    }
}
