using System.Net.Sockets;
using System.Text;

namespace NetCourse;

/// <summary>A connection handler for <see cref="TcpServer"/> that speaks the <see cref="SmtpDialogue"/> over CR LF lines. Nothing is delivered anywhere.</summary>
public static class TinySmtpServer
{
    /// <summary>Greets, then answers each line until the client sends QUIT or closes.</summary>
    public static async Task Handle(Socket connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var stream = new NetworkStream(connection, ownsSocket: false);
        await using (stream.ConfigureAwait(false))
        {
            var reader = new LineReader(stream, maxLineLength: 1000);
            var dialogue = new SmtpDialogue();
            await WriteLineAsync(stream, SmtpDialogue.Greeting, cancellationToken).ConfigureAwait(false);
            while (!dialogue.Closed && await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (dialogue.Answer(line) is { } reply)
                {
                    await WriteLineAsync(stream, reply, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private static Task WriteLineAsync(Stream stream, string line, CancellationToken cancellationToken) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"), cancellationToken).AsTask();
}
