using System.Net;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>
/// Plays a scripted SMTP client: reads the greeting, then sends each line and reads one reply line, except for the
/// message lines after a 354 reply, which get no reply until the lone ".". Every step has a deadline.
/// </summary>
public static class SmtpScript
{
    /// <summary>Connects to <paramref name="endPoint"/>, plays <paramref name="lines"/>, and returns what both sides said.</summary>
    /// <exception cref="TimeoutException">The connection or a reply did not come within the deadline.</exception>
    /// <exception cref="InvalidDataException">The server closed the connection before replying.</exception>
    public static async Task<Transcript> RunAsync(
        EndPoint endPoint, IEnumerable<string> lines, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        ArgumentNullException.ThrowIfNull(lines);
        var deadline = timeout ?? Deadline.Default;
        var transcript = new Transcript();
        using var socket = await SocketClient.ConnectAsync(endPoint, deadline, cancellationToken).ConfigureAwait(false);
        var stream = new NetworkStream(socket, ownsSocket: false);
        await using (stream.ConfigureAwait(false))
        {
            var reader = new LineReader(stream, maxLineLength: 1000);
            var reply = await ReadReplyAsync(reader, endPoint, deadline, transcript, cancellationToken).ConfigureAwait(false);
            var inData = false;
            foreach (var line in lines)
            {
                await SocketClient.SendAllAsync(socket, line + "\r\n", deadline, cancellationToken).ConfigureAwait(false);
                transcript.Client(line);
                if (inData && line != ".")
                {
                    continue;
                }

                reply = await ReadReplyAsync(reader, endPoint, deadline, transcript, cancellationToken).ConfigureAwait(false);
                inData = reply.StartsWith("354", StringComparison.Ordinal);
            }
        }

        return transcript;
    }

    private static async Task<string> ReadReplyAsync(LineReader reader, EndPoint endPoint, TimeSpan deadline, Transcript transcript, CancellationToken cancellationToken)
    {
        var reply = await Deadline.RunAsync($"A reply from {endPoint}", deadline, ct => new ValueTask<string?>(reader.ReadAsync(ct)), cancellationToken).ConfigureAwait(false);
        if (reply is null)
        {
            throw new InvalidDataException($"{endPoint} closed the connection instead of replying.");
        }

        transcript.Server(reply);
        return reply;
    }
}
