using System.Globalization;
using System.Net.Sockets;

namespace NetCourse;

public static partial class Failures
{
    /// <summary>
    /// Both ends send <paramref name="bytes"/> before reading anything, with 64 KiB socket buffers. When both send
    /// buffers and both receive buffers are full, each send waits for the other side to read: a deadlock, ended here by
    /// each send's deadline. With <paramref name="readWhileSending"/> each side reads at the same time, and both finish.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The byte count is not from 1 to 64 MiB.</exception>
    public static async Task<FailureLog> SendSendAsync(bool readWhileSending, int bytes = 4 * 1024 * 1024, CancellationToken cancellationToken = default)
    {
        if (bytes is < 1 or > 64 * 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(bytes), bytes, $"Byte count {bytes} must be from 1 to 64 MiB.");
        }

        var log = new FailureLog(readWhileSending ? "Both send, both read at the same time" : "Both send, neither reads until done: deadlock");
        var (client, server) = await PairAsync(cancellationToken).ConfigureAwait(false);
        using (client)
        using (server)
        {
            log.Watch(client);
            foreach (var s in new[] { client, server })
            {
                s.SendBufferSize = 65536;
                s.ReceiveBufferSize = 65536;
            }

            var note = readWhileSending ? "each side's reader kept the other side's send moving"
                : "both sends stopped once the buffers in both directions were full: each waits for a reader that never comes";
            var both = await Task.WhenAll(
                SendAndMaybeReadAsync(log, "client", client, bytes, readWhileSending, note, cancellationToken),
                SendAndMaybeReadAsync(log, "server", server, bytes, readWhileSending, note, cancellationToken)).ConfigureAwait(false);
            _ = both;
        }

        return log;
    }

    private static async Task<bool> SendAndMaybeReadAsync(FailureLog log, string who, Socket socket, int bytes, bool read, string note, CancellationToken cancellationToken)
    {
        var reading = read ? DrainAsync(socket, bytes, cancellationToken) : Task.FromResult(0L);
        var sent = 0L;
        await log.RunAsync(who, $"send {bytes:N0} bytes, deadline {Wait.TotalSeconds:0} s", () => Deadline.RunAsync("send", Wait, async ct =>
        {
            var data = new byte[65536];
            while (sent < bytes)
            {
                sent += await socket.SendAsync(data.AsMemory(0, (int)Math.Min(data.Length, bytes - sent)), SocketFlags.None, ct).ConfigureAwait(false);
            }

            return sent;
        }, cancellationToken), n => $"sent all {n.ToString("N0", CultureInfo.InvariantCulture)}", note).ConfigureAwait(false);
        if (sent < bytes)
        {
            log.Annotate(who, $"stopped after {sent.ToString("N0", CultureInfo.InvariantCulture)} of {bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes");
        }

        var received = await reading.ConfigureAwait(false);
        if (read)
        {
            log.Annotate(who, $"read {received.ToString("N0", CultureInfo.InvariantCulture)} bytes meanwhile");
        }

        return sent == bytes;
    }

    private static async Task<long> DrainAsync(Socket socket, int bytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[65536];
        var total = 0L;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Wait);
        try
        {
            while (total < bytes)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Reported by the count: fewer bytes than were sent.
        }

        return total;
    }
}
