using System.Net.Sockets;
using System.Text;

namespace NetCourse;

/// <summary>Ready-made connection handlers for <see cref="TcpServer"/>.</summary>
public static class Handlers
{
    /// <summary>Sends back every byte received until the peer closes its side (a receive returns 0), then closes.</summary>
    public static async Task Echo(Socket connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var buffer = new byte[4096];
        int n;
        while ((n = await connection.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false)) > 0)
        {
            var sent = 0;
            while (sent < n)
            {
                sent += await connection.SendAsync(buffer.AsMemory(sent, n - sent), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// A one-request handler, shaped like whois (RFC 3912): reads one request line framed by "\n" (however many
    /// receives it takes, within <see cref="Deadline.Default"/>), answers with <paramref name="reply"/>(line) + "\n" and
    /// closes. A peer that closes without sending a whole line gets no answer.
    /// </summary>
    public static Func<Socket, CancellationToken, Task> OneShot(Func<string, string> reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return async (connection, cancellationToken) =>
        {
            await using var stream = new NetworkStream(connection, ownsSocket: false);
            var lines = new LineReader(stream);
            var request = await Deadline.RunAsync("Reading the request line", null, async ct => await lines.ReadAsync(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            if (request is not null)
            {
                await new LineWriter(stream).WriteAsync(reply(request), cancellationToken).ConfigureAwait(false);
            }
        };
    }

    /// <summary>Reads newline-framed lines and answers each with <paramref name="reply"/>(line) + "\n" until the peer closes.</summary>
    public static Func<Socket, CancellationToken, Task> PerLine(Func<string, string> reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return async (connection, cancellationToken) =>
        {
            await using var stream = new NetworkStream(connection, ownsSocket: false);
            var lines = new LineReader(stream);
            var answers = new LineWriter(stream);
            while (await lines.ReadAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                await answers.WriteAsync(reply(line), cancellationToken).ConfigureAwait(false);
            }
        };
    }

    /// <summary>A handler that runs <paramref name="serve"/> with <paramref name="idleTimeout"/>, checked once here.</summary>
    internal static Func<Socket, CancellationToken, Task> WithIdleTimeout(Func<Socket, TimeSpan, CancellationToken, Task> serve, TimeSpan idleTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idleTimeout, TimeSpan.Zero);
        return (connection, cancellationToken) => serve(connection, idleTimeout, cancellationToken);
    }
}
