using System.Globalization;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>
/// A connection handler for <see cref="TcpServer"/> that speaks the <see cref="SmtpDialogue"/> over CR LF lines. Nothing
/// is delivered anywhere. A line over 1,000 octets with its CR LF gets 500 and the connection is closed (RFC 5321
/// §4.5.3.1.6); a client silent for the idle timeout gets 421 and is closed (RFC 5321 §4.5.3.2).
/// </summary>
public static class TinySmtpServer
{
    private const int MaxLine = 1000 - 1; // 1,000 octets with CR LF; the reader counts the CR, not the LF

    /// <summary>How long <see cref="Handle"/> waits for each line from the client.</summary>
    public static TimeSpan DefaultIdleTimeout { get; } = TimeSpan.FromSeconds(60);

    /// <summary>Greets, then answers each line until the client sends QUIT or closes, with the <see cref="DefaultIdleTimeout"/>.</summary>
    public static Task Handle(Socket connection, CancellationToken cancellationToken) => ServeAsync(connection, DefaultIdleTimeout, cancellationToken);

    /// <summary>A handler like <see cref="Handle"/> that waits at most <paramref name="idleTimeout"/> for each line.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is not positive.</exception>
    public static Func<Socket, CancellationToken, Task> Handler(TimeSpan idleTimeout) =>
        Handlers.WithIdleTimeout(ServeAsync, idleTimeout);

    private static async Task ServeAsync(Socket connection, TimeSpan idleTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var stream = new NetworkStream(connection, ownsSocket: false);
        await using (stream.ConfigureAwait(false))
        {
            var reader = new LineReader(stream, maxLineLength: MaxLine);
            var writer = new LineWriter(stream, "\r\n");
            var dialogue = new SmtpDialogue();
            await writer.WriteAsync(SmtpDialogue.Greeting, cancellationToken).ConfigureAwait(false);
            while (!dialogue.Closed)
            {
                string? line;
                try
                {
                    line = await Deadline.RunAsync("Waiting for a line", idleTimeout, ct => new ValueTask<string?>(reader.ReadAsync(ct)), cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    await writer.WriteAsync(string.Create(CultureInfo.InvariantCulture,
                        $"421 {SmtpDialogue.Domain} Idle for {idleTimeout.TotalSeconds:0.###} s, closing"), cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (InvalidDataException e)
                {
                    // A line over the limit, or a last line without CR LF: 500 covers "command line too long" (RFC 5321 §4.2.2).
                    await writer.WriteAsync($"500 {e.Message} RFC 5321 4.5.3.1.6: a line is at most 1000 octets with its CR LF.", cancellationToken).ConfigureAwait(false);
                    return;
                }

                if (line is null)
                {
                    return;
                }

                if (dialogue.Answer(line) is { } reply)
                {
                    await writer.WriteAsync(reply, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
