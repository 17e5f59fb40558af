using System.Net;
using System.Text.Json;

namespace NetCourse.Tests.Interop;

/// <summary>curl and Python's http.client against <see cref="TinyHttpServer"/>.</summary>
[Category("Interop")]
public class HttpInteropTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Test, CancelAfter(90_000)]
    public async Task Curl_Gets_Heads_And_Is_Refused_As_Http_Says(CancellationToken token)
    {
        var curl = Tools.Require("curl");
        await using var server = await TcpServer.StartAsync($"http-curl-{Guid.NewGuid()}", TinyHttpServer.Handle, cancellationToken: token);
        var url = $"http://127.0.0.1:{server.EndPoint.Port}";
        var body = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(body, new byte[300_000], token);
            var get = await Tools.RunAsync(curl, ["-sS", "-i", "--max-time", "20", $"{url}/hello"], Limit);
            var head = await Tools.RunAsync(curl, ["-sS", "-I", "--max-time", "20", $"{url}/hello"], Limit);
            var delete = await Tools.RunAsync(curl, ["-sS", "-i", "-X", "DELETE", "--max-time", "20", url], Limit);
            var post = await Tools.RunAsync(curl, ["-sS", "-i", "--max-time", "20", "-H", "Expect:", "--data-binary", $"@{body}", url], Limit);
            var http2 = await Tools.RunAsync(curl, ["-sS", "-i", "--max-time", "20", "--http2-prior-knowledge", url], Limit);

            using (Assert.EnterMultipleScope())
            {
                Assert.That(get.ExitCode, Is.Zero, get.ToString());
                Assert.That(get.Stdout, Does.StartWith("HTTP/1.1 200 OK\r\n").And.Contain("\r\nDate: ").And.EndWith("\r\n\r\nhello\n"));
                Assert.That(head.ExitCode, Is.Zero, head.ToString());
                Assert.That(head.Stdout, Does.StartWith("HTTP/1.1 200 OK\r\n").And.Contain("Content-Length: 6\r\n").And.EndWith("\r\n\r\n"));
                Assert.That(delete.Stdout, Does.StartWith("HTTP/1.1 405 Method Not Allowed\r\n").And.Contain("Allow: GET, HEAD\r\n"));
                Assert.That(post.ExitCode, Is.Zero, "a 300 kB body the server never reads must not turn into a reset: " + post);
                Assert.That(post.Stdout, Does.StartWith("HTTP/1.1 405 Method Not Allowed\r\n"));
                Assert.That(http2.ExitCode, Is.Not.Zero.And.Not.EqualTo(28), "an HTTP/1.1 server cannot speak HTTP/2 frames: curl must fail at once (28 would be its timeout)");
                Assert.That(server.HandlerErrors, Is.Empty);
            }
        }
        finally
        {
            File.Delete(body);
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task Curl_Reaches_The_Server_Over_Ipv6(CancellationToken token)
    {
        var curl = Tools.Require("curl");
        if (!System.Net.Sockets.Socket.OSSupportsIPv6)
        {
            Assert.Inconclusive("This machine has no IPv6.");
        }

        await using var server = await TcpServer.StartAsync($"http6-curl-{Guid.NewGuid()}", TinyHttpServer.Handle, IPAddress.IPv6Loopback, cancellationToken: token);
        var get = await Tools.RunAsync(curl, ["-sS", "-g", "--max-time", "20", $"http://[::1]:{server.EndPoint.Port}/hello"], Limit);

        Assert.That(get.Stdout, Is.EqualTo("hello\n"), get.ToString());
    }

    [Test, CancelAfter(90_000)]
    public async Task Python_Http_Client_Reads_Every_Reply(CancellationToken token)
    {
        var python = Tools.Python("http.client");
        await using var server = await TcpServer.StartAsync($"http-python-{Guid.NewGuid()}", TinyHttpServer.Handle, cancellationToken: token);

        var run = await Tools.RunAsync(python, [Path.Combine(Tools.Scripts, "http_client.py"), "127.0.0.1", server.EndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)], Limit);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var replies = JsonDocument.Parse(run.Stdout).RootElement.EnumerateArray().ToArray();
        string S(int i, string name) => replies[i].GetProperty(name).ToString();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(replies.Select(r => r.GetProperty("status").GetInt32()), Is.EqualTo(new[] { 200, 200, 200, 404, 405, 431 }));
            Assert.That(replies.All(r => r.GetProperty("version").GetInt32() == 11 && r.GetProperty("date_parses").GetBoolean()), Is.True, run.Stdout);
            Assert.That(S(1, "body"), Is.EqualTo("hello\n"));
            Assert.That(S(2, "body"), Is.Empty, "HEAD: no body");
            Assert.That(S(2, "length"), Is.EqualTo("6"), "HEAD: the length a GET would get");
            Assert.That(S(4, "allow"), Is.EqualTo("GET, HEAD"));
            Assert.That(server.HandlerErrors, Is.Empty);
        }
    }
}
