using System.Net.Sockets;

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
    [TestCase("GET / HTTP/1.1\r\n\r\n", "HTTP/1.1 400 Bad Request")] // RFC 9112 3.2: exactly one Host
    [TestCase("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", "HTTP/1.1 400 Bad Request")]
    [TestCase("GET / HTTP/1.1\r\nhost: a\r\nHOST: a\r\n\r\n", "HTTP/1.1 400 Bad Request")]
    [TestCase("GET / HTTP/1.0\r\n\r\n", "HTTP/1.1 200 OK")] // HTTP/1.0 may omit Host
    [TestCase("GET / HTTP/2.0\r\nHost: x\r\n\r\n", "HTTP/1.1 505 HTTP Version Not Supported")]
    [TestCase("GET / HTTP/3.0\r\nHost: x\r\n\r\n", "HTTP/1.1 505 HTTP Version Not Supported")]
    [TestCase("GET / HTTP/one\r\nHost: x\r\n\r\n", "HTTP/1.1 400 Bad Request")]
    [CancelAfter(10_000)]
    public async Task Request_Gets_The_Status_Line(string request, string statusLine, CancellationToken cancellationToken)
    {
        var reply = await AskAsync(request, cancellationToken);

        Assert.That(reply.Split("\r\n")[0], Is.EqualTo(statusLine));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Content_Length_Counts_The_Body_Bytes(CancellationToken cancellationToken)
    {
        var reply = await AskAsync("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n", cancellationToken);
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

    [TestCase("DELETE / HTTP/1.1\r\nHost: x\r\n\r\n", true)]
    [TestCase("GET /missing HTTP/1.1\r\nHost: x\r\n\r\n", false)]
    [CancelAfter(10_000)]
    public async Task Only_The_405_Reply_Says_Which_Methods_Are_Allowed(string request, bool allowed, CancellationToken cancellationToken)
    {
        var reply = await AskAsync(request, cancellationToken);
        var headers = reply[..reply.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n")[1..];

        Assert.That(headers.Contains("Allow: GET, HEAD"), Is.EqualTo(allowed), reply);
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Head_Reply_Has_The_Get_Headers_And_No_Body(CancellationToken cancellationToken)
    {
        var get = await AskAsync("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n", cancellationToken);
        var head = await AskAsync("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n", cancellationToken);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(head, Does.StartWith("HTTP/1.1 200 OK\r\n"));
            Assert.That(head, Does.EndWith("\r\n\r\n"), "RFC 9110 9.3.2: no content in a HEAD response");
            Assert.That(head, Does.Contain("Content-Length: 6\r\n"), "the length a GET would have");
            Assert.That(get, Does.EndWith("\r\n\r\nhello\n"));
        }
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Head_Over_8_KiB_Gets_431(CancellationToken cancellationToken)
    {
        var request = "GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + new string('a', 9000) + "\r\n\r\n";
        var reply = await AskAsync(request, cancellationToken);

        Assert.That(reply.Split("\r\n")[0], Is.EqualTo("HTTP/1.1 431 Request Header Fields Too Large"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Reply_Carries_A_Date_Header_In_Imf_Fixdate(CancellationToken cancellationToken)
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-2);
        var reply = await AskAsync("GET / HTTP/1.1\r\nHost: x\r\n\r\n", cancellationToken);
        var date = reply.Split("\r\n").SingleOrDefault(h => h.StartsWith("Date: ", StringComparison.Ordinal));

        Assert.That(date, Is.Not.Null, reply);
        var parsed = DateTimeOffset.ParseExact(date![6..], "r", System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(parsed, Is.InRange(before, DateTimeOffset.UtcNow.AddSeconds(2)));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Unread_Request_Body_Does_Not_Turn_The_Close_Into_A_Reset(CancellationToken cancellationToken)
    {
        var server = await TcpServer.StartAsync("tiny-http-test", TinyHttpServer.Handle, cancellationToken: cancellationToken);
        try
        {
            using var client = await SocketClient.ConnectAsync(server.EndPoint, Deadline, cancellationToken);
            var body = new string('b', 200_000);
            await SocketClient.SendAllAsync(client, $"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: {body.Length}\r\n\r\n{body}", Deadline, cancellationToken);

            var reply = System.Text.Encoding.ASCII.GetString(await SocketClient.ReceiveUntilClosedAsync(client, Deadline, cancellationToken: cancellationToken));
            await Task.Delay(300, cancellationToken); // time for a reset to arrive, if the server sends one
            var pending = (SocketError)(int)client.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;

            using (Assert.EnterMultipleScope())
            {
                Assert.That(reply, Does.StartWith("HTTP/1.1 405 Method Not Allowed\r\n"));
                Assert.That(pending, Is.EqualTo(SocketError.Success), "the server closed with FIN, not RST (RFC 9112 9.6)");
            }
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Idle_Connection_Is_Closed_After_The_Idle_Timeout(CancellationToken cancellationToken)
    {
        var server = await TcpServer.StartAsync("tiny-http-test", TinyHttpServer.Handler(TimeSpan.FromSeconds(1)), cancellationToken: cancellationToken);
        try
        {
            using var idle = await SocketClient.ConnectAsync(server.EndPoint, Deadline, cancellationToken);
            using var half = await SocketClient.ConnectAsync(server.EndPoint, Deadline, cancellationToken);
            await SocketClient.SendAllAsync(half, "GET / HTTP/1.1\r\nHost: x\r\n", Deadline, cancellationToken);

            var idleReply = await SocketClient.ReceiveUntilClosedAsync(idle, Deadline, cancellationToken: cancellationToken);
            var halfReply = System.Text.Encoding.ASCII.GetString(await SocketClient.ReceiveUntilClosedAsync(half, Deadline, cancellationToken: cancellationToken));

            using (Assert.EnterMultipleScope())
            {
                Assert.That(idleReply, Is.Empty, "nothing was asked, so nothing is answered: the server just closes");
                Assert.That(halfReply, Does.StartWith("HTTP/1.1 408 Request Timeout\r\n"));
                Assert.That(server.HandlerErrorCount, Is.Zero);
            }
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static async Task<string> AskAsync(string request, CancellationToken cancellationToken)
    {
        await using var server = await TcpServer.StartAsync("tiny-http-test", TinyHttpServer.Handle, cancellationToken: cancellationToken);
        return await SocketClient.RequestAsync(server.EndPoint, request, Deadline, cancellationToken);
    }
}
