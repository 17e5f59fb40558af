using System.Net.Sockets;

namespace NetCourse;

public sealed partial class EchoModelServer
{
    private void OneAtATimeLoop()
    {
        while (AcceptBlocking() is { } connection)
        {
            EchoBlocking(connection); // the next client waits in the accept queue until this one is done
        }
    }

    private void ThreadPerClientLoop()
    {
        while (AcceptBlocking() is { } connection)
        {
            Interlocked.Increment(ref _threadsStarted);
            new Thread(() => EchoBlocking(connection)) { IsBackground = true, Name = "echo client" }.Start();
        }
    }

    // Blocking Receive and Send, each with a deadline: ReceiveTimeout closes a silent client, SendTimeout one that never reads.
    private void EchoBlocking(Socket connection)
    {
        var buffer = new byte[4096];
        try
        {
            connection.ReceiveTimeout = (int)IdleTimeout.TotalMilliseconds;
            connection.SendTimeout = (int)IdleTimeout.TotalMilliseconds;
            int n;
            while ((n = connection.Receive(buffer)) > 0)
            {
                connection.Send(buffer, 0, n, SocketFlags.None); // a blocking Send takes every byte or throws
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The deadline passed, the client reset, or the server stopped: this client is done.
        }
        finally
        {
            Close(connection);
        }
    }
}
