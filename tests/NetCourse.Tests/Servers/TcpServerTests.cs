using System.Net;
using System.Net.Sockets;

namespace NetCourse.Tests.Servers;

public class TcpServerTests
{
    [Test, CancelAfter(10_000)]
    public async Task Echo_Server_Returns_What_Was_Sent(CancellationToken token)
    {
        await using var server = await TcpServer.StartAsync($"echo-{Guid.NewGuid()}", Handlers.Echo, cancellationToken: token);

        var reply = await SocketClient.RequestAsync(server.EndPoint, "hello", cancellationToken: token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reply, Is.EqualTo("hello"));
            Assert.That(server.EndPoint.Address, Is.EqualTo(IPAddress.Loopback));
            Assert.That(server.EndPoint.Port, Is.Not.Zero);
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Ipv6_Loopback_Works(CancellationToken token)
    {
        await using var server = await TcpServer.StartAsync($"echo6-{Guid.NewGuid()}", Handlers.Echo, IPAddress.IPv6Loopback, cancellationToken: token);

        Assert.That(await SocketClient.RequestAsync(server.EndPoint, "v6", cancellationToken: token), Is.EqualTo("v6"));
    }

    [Test, CancelAfter(10_000)]
    public async Task A_Mapped_Address_Serves_IPv4_Clients_Under_Their_Mapped_Addresses(CancellationToken token)
    {
        Assume.That(Socket.OSSupportsIPv6, "a dual-stack socket needs IPv6");
        await using var server = await TcpServer.StartAsync($"dual-{Guid.NewGuid()}", (connection, ct) =>
            SocketClient.SendAllAsync(connection, connection.RemoteEndPoint!.ToString()!, cancellationToken: ct), IPAddress.Parse("::ffff:127.0.0.1"), cancellationToken: token);

        var seen = await SocketClient.RequestAsync(new IPEndPoint(IPAddress.Loopback, server.EndPoint.Port), "", cancellationToken: token);

        Assert.That(seen, Does.StartWith("[::ffff:127.0.0.1]:"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Starting_A_Name_Again_Stops_The_Previous_Server(CancellationToken token)
    {
        var name = $"rerun-{Guid.NewGuid()}";
        var first = await TcpServer.StartAsync(name, Handlers.Echo, cancellationToken: token);
        await using var second = await TcpServer.StartAsync(name, Handlers.Echo, cancellationToken: token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.IsRunning, Is.False);
            Assert.That(TcpServer.RunningNames.Count(n => n == name), Is.EqualTo(1));
            Assert.That(() => SocketClient.ConnectAsync(first.EndPoint, cancellationToken: token),
                Throws.InstanceOf<SocketException>().With.Property(nameof(SocketException.SocketErrorCode)).EqualTo(SocketError.ConnectionRefused));
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Address_In_Use_Names_The_Port_And_The_Process_Holding_It(CancellationToken token)
    {
        await using var first = await TcpServer.StartAsync($"a-{Guid.NewGuid()}", Handlers.Echo, cancellationToken: token);

        Assert.That(() => TcpServer.StartAsync($"b-{Guid.NewGuid()}", Handlers.Echo, port: first.EndPoint.Port, cancellationToken: token),
            Throws.InvalidOperationException.With.Message.Contains($"Address already in use: port {first.EndPoint.Port} on 127.0.0.1 is held by this process ({Environment.ProcessId}"));
    }

    [Test, CancelAfter(15_000)]
    public async Task Stopping_With_Clients_Connected_Ends_Every_Handler(CancellationToken token)
    {
        var server = await TcpServer.StartAsync($"busy-{Guid.NewGuid()}", Handlers.Echo, cancellationToken: token);
        var clients = new List<Socket>();
        for (var i = 0; i < 20; i++)
        {
            clients.Add(await SocketClient.ConnectAsync(server.EndPoint, cancellationToken: token));
        }

        await SocketClient.SendAllAsync(clients[0], "x", cancellationToken: token);
        await SocketClient.ReceiveExactlyAsync(clients[0], 1, cancellationToken: token);

        await server.DisposeAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.Active, Is.Zero);
            Assert.That(server.HandlerErrors, Is.Empty);
            Assert.That(await SocketClient.ReceiveAsync(clients[1], new byte[1], TimeSpan.FromSeconds(2), token), Is.Zero, "the client sees the connection end");
        }

        clients.ForEach(c => c.Dispose());
    }

    [Test, CancelAfter(10_000)]
    public async Task Handler_Exceptions_Are_Recorded_Not_Lost(CancellationToken token)
    {
        await using var server = await TcpServer.StartAsync($"faulty-{Guid.NewGuid()}", (_, _) => throw new InvalidOperationException("handler bug"), cancellationToken: token);

        using (var client = await SocketClient.ConnectAsync(server.EndPoint, cancellationToken: token))
        {
            await SocketClient.ReceiveUntilClosedAsync(client, cancellationToken: token);
        }

        Assert.That(server.HandlerErrors.Select(e => e.Message), Has.Member("handler bug"));
    }

    [Test, CancelAfter(30_000)]
    public async Task Only_The_Latest_100_Handler_Exceptions_Are_Kept_And_All_Are_Counted(CancellationToken token)
    {
        await using var server = await TcpServer.StartAsync($"faulty-{Guid.NewGuid()}", (_, _) => throw new InvalidOperationException("handler bug"), cancellationToken: token);

        for (var i = 0; i < 150; i++)
        {
            using var client = await SocketClient.ConnectAsync(server.EndPoint, cancellationToken: token);
            await SocketClient.ReceiveUntilClosedAsync(client, cancellationToken: token);
        }

        while (server.HandlerErrorCount < 150)
        {
            await Task.Delay(10, token);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.HandlerErrorCount, Is.EqualTo(150));
            Assert.That(server.HandlerErrors, Has.Count.EqualTo(100));
        }
    }

    [TestCase(-1)]
    [TestCase(70000)]
    public void Port_Out_Of_Range_Is_Rejected(int port) =>
        Assert.That(() => TcpServer.StartAsync("bad", Handlers.Echo, port: port), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains($"Port {port}"));

    [Test]
    public void Backlog_Below_One_Is_Rejected() =>
        Assert.That(() => TcpServer.StartAsync("bad", Handlers.Echo, backlog: 0), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("Backlog 0"));

    [Test, CancelAfter(10_000)]
    public async Task Udp_Server_Answers_Each_Datagram(CancellationToken token)
    {
        await using var server = await UdpServer.StartAsync($"udp-{Guid.NewGuid()}", d => [.. d.Reverse()]);
        using var socket = UdpClientSteps.Open();

        UdpClientSteps.Send(socket, server.EndPoint, "abc"u8);
        var reply = await UdpClientSteps.ReceiveAsync(socket, TimeSpan.FromSeconds(2), token);

        Assert.That(reply, Is.EqualTo("cba"u8.ToArray()));
    }

    [Test, CancelAfter(15_000)]
    public async Task Client_Reset_Is_Counted_Apart_From_Handler_Errors(CancellationToken token)
    {
        var handlerSawReset = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TcpServer.StartAsync($"reset-{Guid.NewGuid()}", async (s, ct) =>
        {
            try
            {
                await Handlers.Echo(s, ct);
            }
            finally
            {
                handlerSawReset.TrySetResult();
            }
        }, cancellationToken: token);
        using (var client = await SocketClient.ConnectAsync(server.EndPoint, cancellationToken: token))
        {
            await SocketClient.SendAllAsync(client, "abc", cancellationToken: token);
            await SocketClient.ReceiveExactlyAsync(client, 3, cancellationToken: token);
            client.LingerState = new LingerOption(true, 0);
            client.Close(); // RST instead of FIN
        }

        await handlerSawReset.Task.WaitAsync(TimeSpan.FromSeconds(5), token);
        await Task.Delay(100, token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.HandlerErrorCount, Is.Zero, string.Join("; ", server.HandlerErrors.Select(e => e.Message)));
            Assert.That(server.ClientResets, Is.EqualTo(1));
        }
    }
}
