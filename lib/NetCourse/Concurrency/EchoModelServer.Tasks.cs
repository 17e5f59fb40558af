using System.Net.Sockets;

namespace NetCourse;

public sealed partial class EchoModelServer
{
    // TaskPerClient is the course's TcpServer: an AcceptAsync loop that gives each client a task, here running this echo.
    private static TcpServer StartTaskPerClient(TimeSpan idleTimeout, int backlog) =>
        TcpServer.StartAsync($"{ServingModel.TaskPerClient} echo {Guid.NewGuid():N}", (connection, stop) => EchoUntilIdleAsync(connection, idleTimeout, stop), backlog: backlog)
            .GetAwaiter().GetResult(); // a new name: no earlier server to stop first, so the start completes at once

    private static async Task EchoUntilIdleAsync(Socket connection, TimeSpan idleTimeout, CancellationToken stop)
    {
        var buffer = new byte[4096];
        try
        {
            while (await Deadline.RunAsync("Waiting for the client", idleTimeout, async ct =>
            {
                var n = await connection.ReceiveAsync(buffer, SocketFlags.None, ct).ConfigureAwait(false);
                for (var sent = 0; sent < n;)
                {
                    sent += await connection.SendAsync(buffer.AsMemory(sent, n - sent), SocketFlags.None, ct).ConfigureAwait(false);
                }

                return n;
            }, stop).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (TimeoutException)
        {
            // Silent past the idle timeout: the server closes the connection.
        }
    }
}
