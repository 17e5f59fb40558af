using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace NetCourse;

/// <summary>
/// A very small HTTP/1.1 server handler for lessons: answers GET and HEAD for /, /hello and /time (the UTC time), 404
/// for other paths, 405 with <c>Allow: GET, HEAD</c> for other methods (RFC 9110 §15.5.6), 400 for a malformed request
/// line or a missing or repeated Host (RFC 9112 §3.2), 431 for a head over 8 KiB, 505 for an HTTP major version other
/// than 1, and 408 when half a request head arrives within the idle timeout. Every reply carries Date; a HEAD reply
/// carries the headers a GET would get and no body (RFC 9110 §9.3.2). One request per connection (Connection: close).
/// </summary>
public static class TinyHttpServer
{
    private const int MaxHeadBytes = 8192;
    private const int MaxDrainBytes = 1024 * 1024;
    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(2);

    /// <summary>How long <see cref="Handle"/> waits for a whole request head before it closes the connection.</summary>
    public static TimeSpan DefaultIdleTimeout { get; } = TimeSpan.FromSeconds(10);

    /// <summary>The handler to pass to <see cref="TcpServer.StartAsync"/>, with the <see cref="DefaultIdleTimeout"/>.</summary>
    public static Task Handle(Socket connection, CancellationToken cancellationToken) => ServeAsync(connection, DefaultIdleTimeout, cancellationToken);

    /// <summary>
    /// A handler like <see cref="Handle"/> that closes a connection whose request head has not fully arrived within
    /// <paramref name="idleTimeout"/> (with 408 Request Timeout if part of it came).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is not positive.</exception>
    public static Func<Socket, CancellationToken, Task> Handler(TimeSpan idleTimeout) =>
        Handlers.WithIdleTimeout(ServeAsync, idleTimeout);

    private static async Task ServeAsync(Socket connection, TimeSpan idleTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var head = new MemoryStream();
        int end;
        try
        {
            end = await Deadline.RunAsync("Reading the request head", idleTimeout, ct => ReadHeadAsync(connection, head, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            if (head.Length > 0)
            {
                await ReplyAsync(connection, false, "408 Request Timeout", "the request head did not arrive in time\n", cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (end < 0)
        {
            if (head.Length > MaxHeadBytes)
            {
                await ReplyAsync(connection, false, "431 Request Header Fields Too Large", $"the request head is longer than {MaxHeadBytes} bytes\n", cancellationToken).ConfigureAwait(false);
            }

            return; // the client closed before finishing its head: nobody to answer
        }

        var lines = Encoding.ASCII.GetString(head.GetBuffer(), 0, end).Split("\r\n");
        var (status, body) = Answer(lines, out var isHead);
        await ReplyAsync(connection, isHead, status, body, cancellationToken).ConfigureAwait(false);
    }

    private static (string Status, string Body) Answer(string[] lines, out bool isHead)
    {
        var requestLine = lines[0].Split(' ');
        isHead = requestLine is ["HEAD", _, _];
        if (requestLine is not [{ Length: > 0 } method, { Length: > 0 } target, var version] || !IsVersion(version, out var major, out var minor))
        {
            return ("400 Bad Request", "malformed request line\n");
        }

        if (major != 1)
        {
            return ("505 HTTP Version Not Supported", "only HTTP/1.x is spoken here\n");
        }

        var hosts = lines[1..].Count(l => l.StartsWith("host:", StringComparison.OrdinalIgnoreCase));
        if (hosts > 1 || (hosts == 0 && minor >= 1))
        {
            return ("400 Bad Request", $"an HTTP/1.1 request needs exactly one Host header; this one has {hosts}\n");
        }

        return (method, target) switch
        {
            ("GET" or "HEAD", "/") => ("200 OK", "Hello from a NetCourse server on loopback.\n"),
            ("GET" or "HEAD", "/hello") => ("200 OK", "hello\n"),
            ("GET" or "HEAD", "/time") => ("200 OK", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + "\n"),
            ("GET" or "HEAD", _) => ("404 Not Found", "no such page\n"),
            _ => ("405 Method Not Allowed", "only GET and HEAD are supported\n"), // RFC 9110 §15.5.6: a 405 must carry Allow
        };
    }

    private static bool IsVersion(string version, out int major, out int minor)
    {
        if (version is not ['H', 'T', 'T', 'P', '/', var a, '.', var b] || !char.IsAsciiDigit(a) || !char.IsAsciiDigit(b))
        {
            major = minor = -1;
            return false;
        }

        (major, minor) = (a - '0', b - '0');
        return true;
    }

    /// <summary>Reads until the blank line that ends the head; returns where the head ends, or -1 if the client closed or the head is too long.</summary>
    private static async ValueTask<int> ReadHeadAsync(Socket connection, MemoryStream head, CancellationToken cancellationToken)
    {
        var buffer = new byte[1024];
        while (head.Length <= MaxHeadBytes)
        {
            var n = await connection.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return -1;
            }

            var searchFrom = (int)Math.Max(0, head.Length - 3);
            head.Write(buffer, 0, n);
            var end = head.GetBuffer().AsSpan(searchFrom, (int)head.Length - searchFrom).IndexOf("\r\n\r\n"u8);
            if (end >= 0 && searchFrom + end <= MaxHeadBytes)
            {
                return searchFrom + end;
            }
        }

        return -1;
    }

    private static async Task ReplyAsync(Socket connection, bool isHead, string status, string body, CancellationToken cancellationToken)
    {
        var bodyBytes = Encoding.UTF8.GetBytes(body);
        var allow = status.StartsWith("405", StringComparison.Ordinal) ? "Allow: GET, HEAD\r\n" : "";
        var head = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"HTTP/1.1 {status}\r\nDate: {DateTime.UtcNow:r}\r\n{allow}Content-Type: text/plain; charset=utf-8\r\nContent-Length: {bodyBytes.Length}\r\nConnection: close\r\n\r\n"));
        await connection.SendAsync(isHead ? head : [.. head, .. bodyBytes], SocketFlags.None, cancellationToken).ConfigureAwait(false);
        connection.Shutdown(SocketShutdown.Send);
        await DrainAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads and drops what the client still sends (an unread body), for a bounded time and count, so that closing the
    /// socket sends FIN, not RST: a reset could destroy the reply before the client reads it (RFC 9112 §9.6).
    /// </summary>
    private static async Task DrainAsync(Socket connection, CancellationToken cancellationToken)
    {
        try
        {
            await Deadline.RunAsync("Draining the request", DrainTime, async ct =>
            {
                var buffer = new byte[16384];
                var drained = 0;
                int n;
                while (drained < MaxDrainBytes && (n = await connection.ReceiveAsync(buffer, SocketFlags.None, ct).ConfigureAwait(false)) > 0)
                {
                    drained += n;
                }

                return drained;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or SocketException)
        {
            // A client that keeps sending or keeps the connection open is closed anyway.
        }
    }
}
