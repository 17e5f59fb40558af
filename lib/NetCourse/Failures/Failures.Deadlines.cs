using System.Net;
using System.Net.Sockets;

namespace NetCourse;

public static partial class Failures
{
    /// <summary>
    /// Every call that can wait, made where it has to wait, each with the same deadline: a connect whose SYN is dropped
    /// (full accept queue), an accept nobody answers, a receive from a peer that never sends, a send to a peer that
    /// never reads (each async call given a token that <see cref="Deadline"/> cancels, which turns the cancellation into a
    /// <see cref="TimeoutException"/> naming the call), and the blocking Receive and Send with their socket timeouts.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The deadline is not from 0.1 to 5 s.</exception>
    public static async Task<FailureLog> DeadlinesAsync(TimeSpan deadline, CancellationToken cancellationToken = default)
    {
        if (deadline < TimeSpan.FromSeconds(0.1) || deadline > TimeSpan.FromSeconds(5))
        {
            throw new ArgumentOutOfRangeException(nameof(deadline), deadline, $"Deadline {deadline} must be from 0.1 to 5 s.");
        }

        var ms = (int)deadline.TotalMilliseconds;
        var log = new FailureLog($"Every call that can wait, each with a {ms} ms deadline");
        using (var full = Listeners.Listen(IPAddress.Loopback, backlog: 1))
        {
            var queued = new List<Socket>();
            try
            {
                for (var i = 0; i < 2; i++)
                {
                    queued.Add(await SocketClient.ConnectAsync(full.LocalEndPoint!, Wait, cancellationToken).ConfigureAwait(false)); // Linux queues backlog + 1
                }

                using var late = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await log.RunAsync("client", "ConnectAsync(endPoint, token)", () => Deadline.RunAsync("ConnectAsync", deadline, async ct =>
                {
                    await late.ConnectAsync(full.LocalEndPoint!, ct).ConfigureAwait(false);
                    return 0;
                }, cancellationToken), _ => "connected", "the accept queue was full: the SYN was dropped and would be retransmitted after 1 s, 2 s, 4 s...").ConfigureAwait(false);
            }
            finally
            {
                queued.ForEach(s => s.Dispose());
            }
        }

        using (var nobody = Listeners.Listen(IPAddress.Loopback, backlog: 1))
        {
            await log.RunAsync("server", "AcceptAsync(token)", () => Deadline.RunAsync("AcceptAsync", deadline, async ct =>
            {
                using var s = await nobody.AcceptAsync(ct).ConfigureAwait(false);
                return 0;
            }, cancellationToken), _ => "accepted", "no client connected").ConfigureAwait(false);
        }

        var (client, server) = await PairAsync(cancellationToken).ConfigureAwait(false);
        using (client)
        using (server)
        {
            await log.RunAsync("client", "ReceiveAsync(buffer, token)", () => Deadline.RunAsync("ReceiveAsync", deadline,
                ct => client.ReceiveAsync(new byte[16], SocketFlags.None, ct), cancellationToken), n => $"returned {n}", "the peer sent nothing").ConfigureAwait(false);
            client.ReceiveTimeout = ms;
            await log.RunBlockingAsync("client", $"Receive(buffer) with ReceiveTimeout = {ms}", () => client.Receive(new byte[16]), n => $"returned {n}",
                "SO_RCVTIMEO passed (socket(7))").ConfigureAwait(false);
            server.SendBufferSize = 65536;
            var big = new byte[8 * 1024 * 1024];
            await log.RunAsync("server", "SendAsync(8 MiB, token)", () => Deadline.RunAsync("SendAsync", deadline,
                ct => server.SendAsync(big, SocketFlags.None, ct), cancellationToken), n => $"returned {n}", "the client never reads: the buffers filled and the send waited").ConfigureAwait(false);
        }

        (client, server) = await PairAsync(cancellationToken).ConfigureAwait(false);
        using (client)
        using (server)
        {
            server.SendBufferSize = 65536;
            server.SendTimeout = ms;
            await log.RunBlockingAsync("server", $"Send(8 MiB) with SendTimeout = {ms}", () => server.Send(new byte[8 * 1024 * 1024]), n => $"returned {n}",
                "SO_SNDTIMEO passed while the buffers were full").ConfigureAwait(false);
        }

        return log;
    }
}
