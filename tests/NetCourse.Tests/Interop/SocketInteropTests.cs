using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace NetCourse.Tests.Interop;

/// <summary>Python socket clients against the course's servers, and the course's clients against Python servers.</summary>
[Category("Interop")]
public class SocketInteropTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [TestCase("127.0.0.1")]
    [TestCase("::1")]
    [CancelAfter(120_000)]
    public async Task Python_Client_Gets_A_Large_Echo_Whole(string host, CancellationToken token)
    {
        var server = await StartEchoAsync(host, token);
        await using (server)
        {
            var echo = await PythonClientAsync("echo", host, server.EndPoint.Port, "3000000");

            using (Assert.EnterMultipleScope())
            {
                Assert.That(echo.GetProperty("received").GetInt32(), Is.EqualTo(3_000_000));
                Assert.That(echo.GetProperty("same").GetBoolean(), Is.True, "the same bytes, in order");
                Assert.That(server.HandlerErrors, Is.Empty);
            }
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task Python_Client_Reads_After_Its_Own_Half_Close(CancellationToken token)
    {
        await using var server = await StartEchoAsync("127.0.0.1", token);

        var reply = await PythonClientAsync("half-close", "127.0.0.1", server.EndPoint.Port);

        Assert.That(reply.GetProperty("reply").GetString(), Is.EqualTo("after my FIN you can still talk"));
    }

    [Test, CancelAfter(60_000)]
    public async Task Python_Client_Reset_Is_Counted_As_A_Reset_Not_A_Handler_Error(CancellationToken token)
    {
        await using var server = await StartEchoAsync("127.0.0.1", token);

        var reply = await PythonClientAsync("reset", "127.0.0.1", server.EndPoint.Port);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (server.Active > 0 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20, token);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reply.GetProperty("echo").GetString(), Is.EqualTo("abc"));
            Assert.That(server.ClientResets, Is.EqualTo(1));
            Assert.That(server.HandlerErrors, Is.Empty);
        }
    }

    [Test, CancelAfter(180_000)]
    public async Task Python_Clients_Connecting_At_Once_Are_All_Served(CancellationToken token)
    {
        await using var server = await StartEchoAsync("127.0.0.1", token);

        var result = await PythonClientAsync("many", "127.0.0.1", server.EndPoint.Port, "150", "20000");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.GetProperty("ok").GetInt32(), Is.EqualTo(150), result.GetProperty("failures").ToString());
            Assert.That(server.Accepted, Is.EqualTo(150));
            Assert.That(server.HandlerErrors, Is.Empty);
        }
    }

    [TestCase("127.0.0.1")]
    [TestCase("::1")]
    [CancelAfter(60_000)]
    public async Task Python_Udp_Client_Is_Answered_Also_After_A_Handler_Error(string host, CancellationToken token)
    {
        await using var server = await UdpServer.StartAsync($"udp-python-{Guid.NewGuid()}",
            d => d is [(byte)'!', ..] ? throw new InvalidOperationException("bad datagram") : [.. d.Reverse()], IPAddress.Parse(host));

        var result = await PythonClientAsync("udp", host, server.EndPoint.Port, "abc", "!oops", "xyz");
        var replies = result.GetProperty("replies").EnumerateArray().Select(r => r.ValueKind == JsonValueKind.Null ? null : r.GetString()).ToArray();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(replies, Is.EqualTo(new[] { "cba", null, "zyx" }));
            Assert.That(server.HandlerErrorCount, Is.EqualTo(1));
        }
    }

    [TestCase("127.0.0.1")]
    [TestCase("::1")]
    [CancelAfter(60_000)]
    public async Task Socket_Client_Talks_To_A_Python_Echo_Server(string host, CancellationToken token)
    {
        using var python = PythonServer.Start("servers.py", "tcp-echo", host);
        var endPoint = new IPEndPoint(IPAddress.Parse(host), python.Port);
        var data = new byte[1_500_000];
        Random.Shared.NextBytes(data);

        using var socket = await SocketClient.ConnectAsync(endPoint, TimeSpan.FromSeconds(10), token);
        var receiving = SocketClient.ReceiveExactlyAsync(socket, data.Length, TimeSpan.FromSeconds(30), token);
        await SocketClient.SendAllAsync(socket, data, TimeSpan.FromSeconds(30), token);
        var echoed = await receiving;
        socket.Shutdown(SocketShutdown.Send);
        var rest = await SocketClient.ReceiveUntilClosedAsync(socket, TimeSpan.FromSeconds(10), cancellationToken: token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(echoed, Is.EqualTo(data));
            Assert.That(rest, Is.Empty, "the Python server closes after our FIN, with nothing more");
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task Socket_Client_Request_Is_Answered_By_A_Python_Server(CancellationToken token)
    {
        using var python = PythonServer.Start("servers.py", "tcp-request", "127.0.0.1");

        var reply = await SocketClient.RequestAsync(new IPEndPoint(IPAddress.Loopback, python.Port), "hello python", TimeSpan.FromSeconds(10), token);

        Assert.That(reply, Is.EqualTo("python got 12 bytes: hello python"));
    }

    [TestCase("127.0.0.1", AddressFamily.InterNetwork)]
    [TestCase("::1", AddressFamily.InterNetworkV6)]
    [CancelAfter(60_000)]
    public async Task Udp_Client_Steps_Talk_To_A_Python_Udp_Server(string host, AddressFamily family, CancellationToken token)
    {
        using var python = PythonServer.Start("servers.py", "udp-upper", host);
        using var socket = UdpClientSteps.Open(family);

        UdpClientSteps.Send(socket, new IPEndPoint(IPAddress.Parse(host), python.Port), "datagram"u8);
        var reply = await UdpClientSteps.ReceiveAsync(socket, TimeSpan.FromSeconds(10), token);

        Assert.That(reply is null ? null : Encoding.ASCII.GetString(reply), Is.EqualTo("DATAGRAM"));
    }

    private static Task<TcpServer> StartEchoAsync(string host, CancellationToken token) =>
        TcpServer.StartAsync($"echo-python-{Guid.NewGuid()}", Handlers.Echo, IPAddress.Parse(host), backlog: 256, cancellationToken: token);

    private static async Task<JsonElement> PythonClientAsync(string mode, string host, int port, params string[] rest)
    {
        var python = Tools.Python();
        var run = await Tools.RunAsync(python, [Path.Combine(Tools.Scripts, "socket_client.py"), mode, host, port.ToString(CultureInfo.InvariantCulture), .. rest], Limit);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        return JsonDocument.Parse(run.Stdout).RootElement.Clone();
    }
}
