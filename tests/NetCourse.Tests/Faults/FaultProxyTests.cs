using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace NetCourse.Tests.Faults;

public class FaultProxyTests
{
    [Test, CancelAfter(15_000)]
    public async Task Split_Turns_One_Send_Into_Several_Receives(CancellationToken token)
    {
        var (server, receives) = await RecorderAsync(token);
        await using (server)
        await using (var proxy = FaultProxy.Start(server.EndPoint, new FaultPlan { SplitInto = 3, Delay = TimeSpan.FromMilliseconds(50) })) // apart enough that a busy machine cannot merge them again
        {
            await SendAndCloseAsync(proxy, ["hello world!"], token);
            await WaitForAsync(() => string.Concat(receives) == "hello world!", token);
        }

        Assert.That(receives, Has.Count.GreaterThanOrEqualTo(4));
    }

    [Test, CancelAfter(15_000)]
    public async Task Merge_Turns_Several_Sends_Into_One_Receive(CancellationToken token)
    {
        var (server, receives) = await RecorderAsync(token);
        await using (server)
        await using (var proxy = FaultProxy.Start(server.EndPoint, new FaultPlan { MergeWindow = TimeSpan.FromMilliseconds(200) }))
        {
            await SendAndCloseAsync(proxy, ["one", "two", "three"], token);
            await WaitForAsync(() => string.Concat(receives) == "onetwothree", token);
        }

        Assert.That(receives, Is.EqualTo(new[] { "onetwothree" }));
    }

    [Test, CancelAfter(15_000)]
    public async Task Reset_Mid_Message_Delivers_Only_The_Bytes_Before_It(CancellationToken token)
    {
        var (server, receives) = await RecorderAsync(token);
        await using (server)
        await using (var proxy = FaultProxy.Start(server.EndPoint, new FaultPlan { ResetAfter = 5 }))
        {
            using var client = await SocketClient.ConnectAsync(proxy.EndPoint, cancellationToken: token);
            await SocketClient.SendAllAsync(client, "0123456789", cancellationToken: token);
            await WaitForAsync(() => string.Concat(receives) == "01234", token);

            Assert.That(async () => await SocketClient.ReceiveAsync(client, new byte[16], TimeSpan.FromSeconds(2), token),
                Throws.InstanceOf<SocketException>().With.Property(nameof(SocketException.SocketErrorCode)).EqualTo(SocketError.ConnectionReset));
        }
    }

    [Test, CancelAfter(15_000)]
    public async Task Reset_Limit_Counts_The_Bytes_Of_Each_Connection(CancellationToken token)
    {
        var (server, receives) = await RecorderAsync(token);
        await using (server)
        await using (var proxy = FaultProxy.Start(server.EndPoint, new FaultPlan { ResetAfter = 5 }))
        {
            foreach (var expected in new[] { "01234", "0123401234" })
            {
                using var client = await SocketClient.ConnectAsync(proxy.EndPoint, cancellationToken: token);
                await SocketClient.SendAllAsync(client, "0123456789", cancellationToken: token);
                await WaitForAsync(() => string.Concat(receives) == expected, token, TimeSpan.FromSeconds(5));
            }

            Assert.That(string.Concat(receives), Is.EqualTo("0123401234"), "the second connection also gets its first 5 bytes through");
        }
    }

    [Test, CancelAfter(15_000)]
    public async Task Half_Close_Limit_Counts_The_Bytes_Of_Each_Connection(CancellationToken token)
    {
        await using var server = await TcpServer.StartAsync($"echo-{Guid.NewGuid()}", Handlers.Echo, cancellationToken: token);
        await using var proxy = FaultProxy.Start(server.EndPoint, new FaultPlan { HalfCloseAfter = 4 });
        var echoes = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var client = await SocketClient.ConnectAsync(proxy.EndPoint, cancellationToken: token);
            await SocketClient.SendAllAsync(client, "abcdefgh", cancellationToken: token);
            echoes.Add(Encoding.UTF8.GetString(await SocketClient.ReceiveUntilClosedAsync(client, TimeSpan.FromSeconds(5), cancellationToken: token)));
        }

        Assert.That(echoes, Is.EqualTo(new[] { "abcd", "abcd" }));
    }

    [Test, CancelAfter(15_000)]
    public async Task Half_Close_Ends_The_Servers_Input_But_Replies_Still_Arrive(CancellationToken token)
    {
        await using var server = await TcpServer.StartAsync($"echo-{Guid.NewGuid()}", Handlers.Echo, cancellationToken: token);
        await using var proxy = FaultProxy.Start(server.EndPoint, new FaultPlan { HalfCloseAfter = 4 });
        using var client = await SocketClient.ConnectAsync(proxy.EndPoint, cancellationToken: token);

        await SocketClient.SendAllAsync(client, "abcdefgh", cancellationToken: token);
        var echoed = await SocketClient.ReceiveUntilClosedAsync(client, TimeSpan.FromSeconds(5), cancellationToken: token);

        Assert.That(Encoding.UTF8.GetString(echoed), Is.EqualTo("abcd"));
    }

    [Test, CancelAfter(15_000)]
    public async Task Delay_Holds_Each_Piece_Back(CancellationToken token)
    {
        await using var server = await TcpServer.StartAsync($"echo-{Guid.NewGuid()}", Handlers.Echo, cancellationToken: token);
        await using var proxy = FaultProxy.Start(server.EndPoint, new FaultPlan { Delay = TimeSpan.FromMilliseconds(300) });
        var clock = Stopwatch.StartNew();

        var reply = await SocketClient.RequestAsync(proxy.EndPoint, "late", cancellationToken: token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reply, Is.EqualTo("late"));
            Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290)), "a 300 ms delay; timers may end a tick early");
        }
    }

    [Test, CancelAfter(20_000)]
    public async Task Slow_Reader_Makes_The_Servers_Sends_Back_Up_To_Their_Deadline(CancellationToken token)
    {
        var outcome = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TcpServer.StartAsync($"flood-{Guid.NewGuid()}", async (s, ct) =>
        {
            try
            {
                await SocketClient.SendAllAsync(s, new byte[64 * 1024 * 1024], TimeSpan.FromSeconds(1), ct);
                outcome.TrySetResult(null);
            }
            catch (TimeoutException e)
            {
                outcome.TrySetResult(e);
            }
        }, cancellationToken: token);
        await using var proxy = FaultProxy.Start(server.EndPoint, new FaultPlan { ReadBytesPerSecond = 100_000 });
        using var client = await SocketClient.ConnectAsync(proxy.EndPoint, cancellationToken: token);

        Assert.That(await outcome.Task.WaitAsync(TimeSpan.FromSeconds(10), token), Is.TypeOf<TimeoutException>());
    }

    [Test, CancelAfter(15_000)]
    public async Task Silent_Proxy_Forwards_Nothing_And_Keeps_The_Connection_Open(CancellationToken token)
    {
        var (server, receives) = await RecorderAsync(token);
        await using (server)
        await using (var proxy = FaultProxy.Start(server.EndPoint, new FaultPlan { SilentAfter = 2 }))
        {
            using var client = await SocketClient.ConnectAsync(proxy.EndPoint, cancellationToken: token);
            await SocketClient.SendAllAsync(client, "0123456789", cancellationToken: token);
            await WaitForAsync(() => string.Concat(receives) == "01", token);

            Assert.That(async () => await SocketClient.ReceiveAsync(client, new byte[16], TimeSpan.FromMilliseconds(500), token), Throws.TypeOf<TimeoutException>());
            Assert.That(string.Concat(receives), Is.EqualTo("01"));
        }
    }

    [Test, CancelAfter(15_000)]
    public async Task Only_The_First_Connections_Get_The_Faults(CancellationToken token)
    {
        await using var echo = await TcpServer.StartAsync($"echo-{Guid.NewGuid()}", Handlers.Echo, cancellationToken: token);
        await using var proxy = FaultProxy.Start(echo.EndPoint, new FaultPlan { ResetAfter = 1, OnlyFirst = 1 });
        using (var first = await SocketClient.ConnectAsync(proxy.EndPoint, cancellationToken: token))
        {
            await SocketClient.SendAllAsync(first, "hello", cancellationToken: token);
            Assert.That(async () => await SocketClient.ReceiveUntilClosedAsync(first, TimeSpan.FromSeconds(2), cancellationToken: token), Throws.InstanceOf<SocketException>());
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await SocketClient.RequestAsync(proxy.EndPoint, "hello", TimeSpan.FromSeconds(2), token), Is.EqualTo("hello"));
            Assert.That(proxy.Connections, Is.EqualTo(2));
        }
    }

    [Test]
    public void Nonsense_Plans_Are_Rejected() =>
        Assert.That(() => FaultProxy.Start(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 1), new FaultPlan { SplitInto = 0 }),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("Split size 0"));

    private static async Task<(TcpServer Server, ConcurrentQueue<string> Receives)> RecorderAsync(CancellationToken token)
    {
        var receives = new ConcurrentQueue<string>();
        var server = await TcpServer.StartAsync($"recorder-{Guid.NewGuid()}", async (s, ct) =>
        {
            var buffer = new byte[1024];
            int n;
            while ((n = await s.ReceiveAsync(buffer, SocketFlags.None, ct)) > 0)
            {
                receives.Enqueue(Encoding.UTF8.GetString(buffer, 0, n));
            }
        }, cancellationToken: token);
        return (server, receives);
    }

    private static async Task SendAndCloseAsync(FaultProxy proxy, string[] messages, CancellationToken token)
    {
        using var client = await SocketClient.ConnectAsync(proxy.EndPoint, cancellationToken: token);
        foreach (var message in messages)
        {
            await SocketClient.SendAllAsync(client, message, cancellationToken: token);
        }

        client.Shutdown(SocketShutdown.Send);
        await SocketClient.ReceiveUntilClosedAsync(client, cancellationToken: token);
    }

    private static async Task WaitForAsync(Func<bool> condition, CancellationToken token, TimeSpan? limit = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < (limit ?? TimeSpan.FromSeconds(10)))
        {
            await Task.Delay(10, token);
        }
    }
}
