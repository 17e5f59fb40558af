using System.Net;
using System.Net.Sockets;

namespace NetCourse.Benchmarks;

/// <summary>The simplest async echo server: accept in a loop, one task per connection.</summary>
internal sealed class RawEchoServer : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();

    public RawEchoServer()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(4096);
        _ = AcceptAsync();
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var connection = await _listener.AcceptAsync(_stop.Token);
                _ = EchoAsync(connection);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    private async Task EchoAsync(Socket connection)
    {
        using (connection)
        {
            var buffer = new byte[4096];
            try
            {
                int n;
                while ((n = await connection.ReceiveAsync(buffer, SocketFlags.None, _stop.Token)) > 0)
                {
                    await connection.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, _stop.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
