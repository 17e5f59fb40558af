using System.Net.Sockets;

namespace NetCourse;

public sealed partial class EchoModelServer
{
    private async Task TaskPerClientLoopAsync()
    {
        var stop = _stopping.Token;
        var clients = new List<Task>();
        while (!stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = Track(await _listener.AcceptAsync(stop).ConfigureAwait(false));
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                break;
            }

            clients.RemoveAll(t => t.IsCompleted);
            clients.Add(EchoAsync(connection, stop));
        }

        await Task.WhenAll(clients).ConfigureAwait(false);
    }

    private async Task EchoAsync(Socket connection, CancellationToken stop)
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop);
                deadline.CancelAfter(IdleTimeout);
                var n = await connection.ReceiveAsync(buffer, SocketFlags.None, deadline.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    return;
                }

                for (var sent = 0; sent < n;)
                {
                    sent += await connection.SendAsync(buffer.AsMemory(sent, n - sent), SocketFlags.None, deadline.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Silent past the deadline, reset, or the server stopped.
        }
        finally
        {
            Close(connection);
        }
    }
}
