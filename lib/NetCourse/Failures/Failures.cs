using System.Net;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>
/// Failures of TCP connections, each staged on purpose on loopback and logged call by call with what .NET raised and
/// what the operating system did (lesson 16). Every call has a deadline.
/// </summary>
public static partial class Failures
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(2);

    /// <summary>The server closes with SO_LINGER set to 0: its kernel sends RST, and the client's receive fails.</summary>
    public static async Task<FailureLog> ResetByLingerZeroAsync(CancellationToken cancellationToken = default)
    {
        var log = new FailureLog("A reset: the server closes with SO_LINGER 0");
        var (client, server) = await PairAsync(cancellationToken).ConfigureAwait(false);
        using (client)
        {
            log.Watch(client);
            await log.RunBlockingAsync("server", "LingerState = new LingerOption(true, 0); Close()", () =>
            {
                server.LingerState = new LingerOption(true, 0);
                server.Close();
                return true;
            }, _ => "returned", "sent RST instead of FIN; unsent data is thrown away (socket(7) SO_LINGER)").ConfigureAwait(false);
            await ReceiveAsync(log, client, "the RST made the client's socket fail with ECONNRESET and removed it", cancellationToken).ConfigureAwait(false);
            await ReceiveAsync(log, client, "the error was reported once; the connection is gone", cancellationToken).ConfigureAwait(false);
        }

        return log;
    }

    /// <summary>A connect to a port where nothing listens: the kernel answers the SYN with RST.</summary>
    public static async Task<FailureLog> ConnectToClosedPortAsync(CancellationToken cancellationToken = default)
    {
        var log = new FailureLog("A connect to a closed port");
        var closed = Listeners.ClosedPort(IPAddress.Loopback);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await log.RunAsync("client", $"ConnectAsync(127.0.0.1:{closed.Port})", async () =>
        {
            await Deadline.RunAsync<bool>("connect", Wait, async ct =>
            {
                await client.ConnectAsync(closed, ct).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }, _ => "connected", "no socket owns the port, so the kernel answered the SYN with RST (RFC 9293 3.10.7.1)").ConfigureAwait(false);
        return log;
    }

    /// <summary>
    /// The server closes normally (FIN); the client, not having read the FIN, writes twice. The first write succeeds into
    /// the client's kernel; the server's kernel answers the data with RST; the second write fails with EPIPE.
    /// </summary>
    public static async Task<FailureLog> WriteAfterPeerClosedAsync(CancellationToken cancellationToken = default)
    {
        var log = new FailureLog("A write to a peer that has gone (it closed normally)");
        var (client, server) = await PairAsync(cancellationToken).ConfigureAwait(false);
        using (client)
        {
            log.Watch(client);
            await log.RunBlockingAsync("server", "Close()", () =>
            {
                server.Close();
                return true;
            }, _ => "returned", "sent FIN; the client's kernel ACKed it and moved to CLOSE_WAIT").ConfigureAwait(false);
            await Settle(cancellationToken).ConfigureAwait(false);
            await SendAsync(log, client, "the kernel took the bytes and sent them; the server has no socket, so its kernel answered RST", cancellationToken).ConfigureAwait(false);
            await Settle(cancellationToken).ConfigureAwait(false);
            await SendAsync(log, client, "the RST arrived in CLOSE_WAIT, so Linux reports EPIPE (broken pipe); .NET ignores SIGPIPE, so this is an exception, not a dead process", cancellationToken).ConfigureAwait(false);
            await ReceiveAsync(log, client, "the FIN that came first still reads as the end of the stream", cancellationToken).ConfigureAwait(false);
        }

        return log;
    }

    /// <summary>
    /// The client sends a request; the server closes without reading it. A close with unread data sends RST (RFC 1122
    /// 4.2.2.13), so the client's receive fails with ECONNRESET and its next write with EPIPE.
    /// </summary>
    public static async Task<FailureLog> CloseWithUnreadDataAsync(CancellationToken cancellationToken = default)
    {
        var log = new FailureLog("A write to a peer that has gone (it closed without reading)");
        var (client, server) = await PairAsync(cancellationToken).ConfigureAwait(false);
        using (client)
        {
            log.Watch(client);
            await SendAsync(log, client, "the bytes reached the server's receive buffer", cancellationToken).ConfigureAwait(false);
            await Settle(cancellationToken).ConfigureAwait(false);
            await log.RunBlockingAsync("server", "Close() without reading", () =>
            {
                server.Close();
                return true;
            }, _ => "returned", "unread data in its receive buffer: the kernel sent RST, not FIN (RFC 1122 4.2.2.13)").ConfigureAwait(false);
            await Settle(cancellationToken).ConfigureAwait(false);
            await ReceiveAsync(log, client, "the RST made the receive fail with ECONNRESET", cancellationToken).ConfigureAwait(false);
            await SendAsync(log, client, "the socket is closed: a write fails with EPIPE", cancellationToken).ConfigureAwait(false);
        }

        return log;
    }

    private static Task Settle(CancellationToken cancellationToken) => Task.Delay(50, cancellationToken); // let the segments cross loopback

    private static Task<int> SendAsync(FailureLog log, Socket client, string note, CancellationToken cancellationToken) =>
        log.RunAsync("client", "Send(3 bytes)", () => SocketClient.SendAllAsync(client, new byte[] { 1, 2, 3 }, Wait, cancellationToken), n => $"returned {n}", note);

    private static Task<int> ReceiveAsync(FailureLog log, Socket client, string note, CancellationToken cancellationToken) =>
        log.RunAsync("client", "Receive", () => SocketClient.ReceiveAsync(client, new byte[16], Wait, cancellationToken), n => $"returned {n}", note);

    // A connected client and the server's accepted socket for it.
    private static async Task<(Socket Client, Socket Server)> PairAsync(CancellationToken cancellationToken)
    {
        using var listener = Listeners.Listen(IPAddress.Loopback, 1);
        var client = await SocketClient.ConnectAsync(listener.LocalEndPoint!, Wait, cancellationToken).ConfigureAwait(false);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(Wait);
            return (client, await listener.AcceptAsync(deadline.Token).ConfigureAwait(false));
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
