using System.Diagnostics;
using System.Net.Sockets;

namespace NetCourse;

public sealed partial class EchoModelServer
{
    // One thread, non-blocking sockets. Each turn hands every socket to Select (poll(2) on Linux), which returns the
    // ready ones; building and scanning those lists costs time in proportion to the number of clients, every turn.
    private void SelectLoop()
    {
        _listener.Blocking = false;
        var clients = new Dictionary<Socket, SelectClient>();
        var buffer = new byte[4096];
        var readable = new List<Socket>();
        var writable = new List<Socket>();
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                readable.Clear();
                writable.Clear();
                readable.Add(_listener);
                foreach (var (socket, client) in clients)
                {
                    (client.Pending.Length > 0 ? writable : readable).Add(socket); // a client whose echo is stuck is not read: backpressure
                }

                Socket.Select(readable, writable.Count > 0 ? writable : null, null, 50_000);
                foreach (var socket in writable)
                {
                    Flush(socket, clients[socket], clients);
                }

                foreach (var socket in readable)
                {
                    if (socket == _listener)
                    {
                        AcceptReady(clients);
                    }
                    else if (clients.TryGetValue(socket, out var client))
                    {
                        ReadReady(socket, client, buffer, clients);
                    }
                }

                var now = Stopwatch.GetTimestamp();
                foreach (var (socket, client) in clients.Where(c => Stopwatch.GetElapsedTime(c.Value.LastActive, now) > IdleTimeout).ToList())
                {
                    Drop(socket, clients);
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // Stopping disposed a socket under Select.
        }
        finally
        {
            foreach (var socket in clients.Keys)
            {
                Close(socket);
            }
        }
    }

    private void AcceptReady(Dictionary<Socket, SelectClient> clients)
    {
        while (true)
        {
            Socket connection;
            try
            {
                connection = _listener.Accept();
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock)
            {
                return; // no more waiting connections
            }

            Track(connection).Blocking = false;
            clients[connection] = new SelectClient { LastActive = Stopwatch.GetTimestamp() };
        }
    }

    private void ReadReady(Socket socket, SelectClient client, byte[] buffer, Dictionary<Socket, SelectClient> clients)
    {
        var n = socket.Receive(buffer, 0, buffer.Length, SocketFlags.None, out var error);
        if (error == SocketError.WouldBlock)
        {
            return;
        }

        if (error != SocketError.Success || n == 0)
        {
            Drop(socket, clients); // reset, or the client finished sending
            return;
        }

        client.LastActive = Stopwatch.GetTimestamp();
        client.Pending = buffer[..n];
        Flush(socket, client, clients);
    }

    // A non-blocking Send may take fewer bytes than given: keep the rest and send it when Select says the socket is writable.
    private void Flush(Socket socket, SelectClient client, Dictionary<Socket, SelectClient> clients)
    {
        var sent = socket.Send(client.Pending, 0, client.Pending.Length, SocketFlags.None, out var error);
        if (error is not (SocketError.Success or SocketError.WouldBlock))
        {
            Drop(socket, clients);
            return;
        }

        client.Pending = client.Pending[sent..];
    }

    private void Drop(Socket socket, Dictionary<Socket, SelectClient> clients)
    {
        clients.Remove(socket);
        Close(socket);
    }

    private sealed class SelectClient
    {
        public byte[] Pending { get; set; } = [];

        public long LastActive { get; set; }
    }
}
