
namespace NetCourse.Tests.Protocols;

[NonParallelizable] // servers are registered by name in a static table
public class TinyHttpServerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    [TestCase("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n", "HTTP/1.1 200 OK")]
    [TestCase("GET /time HTTP/1.1\r\nHost: localhost\r\n\r\n", "HTTP/1.1 200 OK")]
    [TestCase("GET /missing HTTP/1.1\r\nHost: localhost\r\n\r\n", "HTTP/1.1 404 Not Found")]
    [TestCase("DELETE / HTTP/1.1\r\nHost: localhost\r\n\r\n", "HTTP/1.1 405 Method Not Allowed")]
    [TestCase("hello there\r\n\r\n", "HTTP/1.1 400 Bad Request")]
    [CancelAfter(10_000)]
    public async Task Request_Gets_The_Status_Line(string request, string statusLine, CancellationToken cancellationToken)
    {
        var server = await TcpServer.StartAsync("tiny-http-test", TinyHttpServer.Handle, cancellationToken: cancellationToken);
        try
        {
            var reply = await SocketClient.RequestAsync(server.EndPoint, request, Deadline, cancellationToken);

            Assert.That(reply.Split("\r\n")[0], Is.EqualTo(statusLine));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Content_Length_Counts_The_Body_Bytes(CancellationToken cancellationToken)
    {
        var server = await TcpServer.StartAsync("tiny-http-test", TinyHttpServer.Handle, cancellationToken: cancellationToken);
        try
        {
            var reply = await SocketClient.RequestAsync(server.EndPoint, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n", Deadline, cancellationToken);
            var head = reply[..reply.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
            var body = reply[(head.Length + 4)..];
            var length = head.Split("\r\n").Single(h => h.StartsWith("Content-Length:", StringComparison.Ordinal));

            using (Assert.EnterMultipleScope())
            {
                Assert.That(length, Is.EqualTo($"Content-Length: {System.Text.Encoding.UTF8.GetByteCount(body)}"));
                Assert.That(head, Does.Contain("Connection: close"));
                Assert.That(body, Is.EqualTo("hello\n"));
            }
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [TestCase("DELETE / HTTP/1.1\r\nHost: x\r\n\r\n", true)]
    [TestCase("GET /missing HTTP/1.1\r\nHost: x\r\n\r\n", false)]
    [CancelAfter(10_000)]
    public async Task Only_The_405_Reply_Says_Which_Methods_Are_Allowed(string request, bool allowed, CancellationToken cancellationToken)
    {
        var server = await TcpServer.StartAsync("tiny-http-test", TinyHttpServer.Handle, cancellationToken: cancellationToken);
        try
        {
            var reply = await SocketClient.RequestAsync(server.EndPoint, request, Deadline, cancellationToken);
            var headers = reply[..reply.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n")[1..];

            Assert.That(headers.Contains("Allow: GET"), Is.EqualTo(allowed), reply);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
