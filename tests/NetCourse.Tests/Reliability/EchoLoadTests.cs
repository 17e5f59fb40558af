using System.Net.Sockets;

namespace NetCourse.Tests.Reliability;

[Category("Slow"), NonParallelizable] // 2,000 sockets and both cores for ten seconds
public class EchoLoadTests
{
    [Test, CancelAfter(60_000)]
    public async Task Echo_Server_Holds_1000_Clients_For_10_Seconds_With_Every_Message_Intact(CancellationToken token)
    {
        var unobserved = 0;
        void Count(object? sender, UnobservedTaskExceptionEventArgs e) => Interlocked.Increment(ref unobserved);
        TaskScheduler.UnobservedTaskException += Count;
        var server = await TcpServer.StartAsync($"load-{Guid.NewGuid()}", Handlers.Echo, backlog: 2048, cancellationToken: token);
        var clients = new List<Socket>();
        try
        {
            for (var i = 0; i < 1000; i++)
            {
                var socket = new Socket(server.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(server.EndPoint, token);
                clients.Add(socket);
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
            stop.CancelAfter(TimeSpan.FromSeconds(10));
            long sent = 0, intact = 0, corrupted = 0;
            await Task.WhenAll(clients.Select((socket, id) => Task.Run(async () =>
            {
                var message = new byte[16];
                var reply = new byte[16];
                for (var n = 0L; !stop.IsCancellationRequested; n++)
                {
                    BitConverter.TryWriteBytes(message, id);
                    BitConverter.TryWriteBytes(message.AsSpan(4), n);
                    try
                    {
                        await socket.SendAsync(message, SocketFlags.None, stop.Token);
                        Interlocked.Increment(ref sent);
                        var got = 0;
                        while (got < 16)
                        {
                            var r = await socket.ReceiveAsync(reply.AsMemory(got), SocketFlags.None, stop.Token);
                            got += r > 0 ? r : throw new EndOfStreamException($"client {id}: the server closed the connection");
                        }
                    }
                    catch (OperationCanceledException)
                    {
                        // The ten seconds ended, possibly between a send and its reply.
                        Interlocked.Decrement(ref sent);
                        break;
                    }

                    Interlocked.Increment(ref reply.AsSpan().SequenceEqual(message) ? ref intact : ref corrupted);
                }
            }, CancellationToken.None)));

            var activeBeforeStop = server.Active;
            await server.DisposeAsync(); // with all 1000 clients still connected
            GC.Collect();
            GC.WaitForPendingFinalizers();

            using (Assert.EnterMultipleScope())
            {
                Assert.That(activeBeforeStop, Is.EqualTo(1000));
                Assert.That(intact, Is.GreaterThan(10_000), "messages echoed");
                Assert.That(corrupted, Is.Zero);
                Assert.That(intact, Is.EqualTo(sent).Within(1000), "every message sent was answered, but those cut off by the deadline");
                Assert.That(server.Active, Is.Zero);
                Assert.That(server.HandlerErrors, Is.Empty);
                Assert.That(unobserved, Is.Zero);
            }
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= Count;
            clients.ForEach(c => c.Dispose());
            await server.DisposeAsync();
        }
    }
}
