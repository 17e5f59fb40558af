using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace NetCourse;

/// <summary>
/// A very small HTTP/1.1 server handler for lessons: answers GET /, GET /hello and GET /time (the UTC time), 404 for other paths, 405 with
/// <c>Allow: GET</c> for other methods (RFC 9110 §15.5.6), 400 for a malformed request line. One request per connection (Connection: close).
/// </summary>
public static class TinyHttpServer
{
    private const int MaxHeaderBytes = 8192;

    /// <summary>The handler to pass to <see cref="TcpServer.StartAsync"/>.</summary>
    public static async Task Handle(Socket connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var head = await ReadHeadAsync(connection, cancellationToken).ConfigureAwait(false);
        var requestLine = head.Split("\r\n")[0].Split(' ');
        var (status, body) = requestLine switch
        {
            [var method, _, var version] when !version.StartsWith("HTTP/1.", StringComparison.Ordinal) || method.Length == 0 => ("400 Bad Request", "malformed request line\n"),
            ["GET", "/", _] => ("200 OK", "Hello from a NetCourse server on loopback.\n"),
            ["GET", "/hello", _] => ("200 OK", "hello\n"),
            ["GET", "/time", _] => ("200 OK", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + "\n"),
            ["GET", _, _] => ("404 Not Found", "no such page\n"),
            [_, _, _] => ("405 Method Not Allowed", "only GET is supported\n"), // RFC 9110 §15.5.6: a 405 must carry Allow
            _ => ("400 Bad Request", "malformed request line\n"),
        };
        var bodyBytes = Encoding.UTF8.GetBytes(body);
        var allow = status.StartsWith("405", StringComparison.Ordinal) ? "Allow: GET\r\n" : "";
        var response = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"HTTP/1.1 {status}\r\n{allow}Content-Type: text/plain; charset=utf-8\r\nContent-Length: {bodyBytes.Length}\r\nConnection: close\r\n\r\n"));
        await connection.SendAsync(response.Concat(bodyBytes).ToArray(), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        connection.Shutdown(SocketShutdown.Send);
    }

    private static async Task<string> ReadHeadAsync(Socket connection, CancellationToken cancellationToken)
    {
        var received = new StringBuilder();
        var buffer = new byte[1024];
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var n = await connection.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (n == 0 || received.Length + n > MaxHeaderBytes)
            {
                break;
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        return received.ToString();
    }
}
