using System.Net.Sockets;

namespace NetCourse;

public static partial class Failures
{
    private const int SolTcp = 6;
    private const int TcpRepair = 19;

    /// <summary>
    /// A half-open connection: the server's socket vanishes without a FIN or an RST (Linux: closed in TCP_REPAIR mode,
    /// which needs CAP_NET_ADMIN), as if its host had crashed. The client still sees ESTABLISHED and waits in a receive.
    /// With keepalive set to seconds, the first probe reaches a port with no socket, which answers RST.
    /// </summary>
    /// <param name="keepAlive">Turns on TCP keepalive: first probe after 1 s idle, then every 1 s, 3 probes.</param>
    /// <param name="wait">The receive's deadline (0.5-10 s).</param>
    /// <param name="cancellationToken">Stops the demonstration.</param>
    /// <returns>The log; <see cref="FailureLog.Skipped"/> says why when the socket cannot vanish here.</returns>
    public static async Task<FailureLog> HalfOpenAsync(bool keepAlive, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        CheckWait(wait);
        var log = new FailureLog(keepAlive ? "Half-open, found by keepalive (1 s idle, 1 s interval, 3 probes)" : "Half-open, no keepalive");
        if (!OperatingSystem.IsLinux())
        {
            return log.Skip("making a socket vanish without FIN or RST uses Linux's TCP_REPAIR");
        }

        var (client, server) = await PairAsync(cancellationToken).ConfigureAwait(false);
        using (client)
        using (server)
        {
            log.Watch(client);
            if (keepAlive)
            {
                client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
                client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 1);
                client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 1);
                client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
            }

            try
            {
                server.SetRawSocketOption(SolTcp, TcpRepair, BitConverter.GetBytes(1));
            }
            catch (SocketException e)
            {
                return log.Skip($"TCP_REPAIR was refused ({e.SocketErrorCode}: {e.Message}); it needs CAP_NET_ADMIN, which this process lacks");
            }

            await log.RunBlockingAsync("server", "SetRawSocketOption(TCP_REPAIR); Close()", () =>
            {
                server.Close();
                return true;
            }, _ => "returned", "the socket vanished: no FIN, no RST, as when a host loses power").ConfigureAwait(false);
            await log.RunAsync("client", $"Receive, deadline {wait.TotalSeconds:0.#} s",
                () => SocketClient.ReceiveAsync(client, new byte[16], wait, cancellationToken), n => $"returned {n}",
                keepAlive ? "a keepalive probe reached a port with no socket; the kernel answered RST"
                    : "nothing is sent on an idle connection: without the deadline this receive would wait forever").ConfigureAwait(false);
        }

        return log;
    }

    /// <summary>
    /// A peer that is alive but silent: the client talks through a <see cref="FaultProxy"/> that stops forwarding and
    /// keeps both connections open. Keepalive cannot find this: the proxy's kernel answers every probe. Only the deadline does.
    /// </summary>
    public static async Task<FailureLog> SilentPeerAsync(TimeSpan wait, CancellationToken cancellationToken = default)
    {
        CheckWait(wait);
        var log = new FailureLog("A silent peer behind the fault proxy, keepalive on (1 s, 1 s, 3 probes)");
        await using var echo = await TcpServer.StartAsync("failures-silent-echo", Handlers.Echo, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var proxy = FaultProxy.Start(echo.EndPoint, new FaultPlan { SilentAfter = 0 });
        using var client = await SocketClient.ConnectAsync(proxy.EndPoint, Wait, cancellationToken).ConfigureAwait(false);
        log.Watch(client);
        client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 1);
        client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 1);
        client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
        await SendAsync(log, client, "the proxy's kernel ACKed the bytes; the proxy forwards nothing", cancellationToken).ConfigureAwait(false);
        await log.RunAsync("client", $"Receive, deadline {wait.TotalSeconds:0.#} s",
            () => SocketClient.ReceiveAsync(client, new byte[16], wait, cancellationToken), n => $"returned {n}",
            "keepalive probes were ACKed by the proxy's kernel, so TCP saw a live peer; only the deadline ended the wait").ConfigureAwait(false);
        return log;
    }

    private static void CheckWait(TimeSpan wait)
    {
        if (wait < TimeSpan.FromSeconds(0.5) || wait > TimeSpan.FromSeconds(10))
        {
            throw new ArgumentOutOfRangeException(nameof(wait), wait, $"Wait {wait} must be from 0.5 to 10 s.");
        }
    }
}
