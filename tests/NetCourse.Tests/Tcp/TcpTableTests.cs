using System.Net;
using System.Net.Sockets;

namespace NetCourse.Tests.Tcp;

public class TcpTableTests
{
    [TestCase("0100007F:1F90", "127.0.0.1:8080")]
    [TestCase("00000000:0016", "0.0.0.0:22")]
    [TestCase("00000000000000000000000001000000:0050", "[::1]:80")]
    public void Proc_Hex_Endpoint_Is_Decoded(string hex, string expected) =>
        Assert.That(TcpTable.ParseEndPoint(hex).ToString(), Is.EqualTo(expected));

    [Test]
    public void Proc_Line_Is_Decoded()
    {
        var entry = TcpTable.ParseLine("   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 123456 1 0000000000000000 100 0 0 10 0");

        Assert.That(entry, Is.EqualTo(new TcpSocketEntry(IPEndPoint.Parse("127.0.0.1:8080"), IPEndPoint.Parse("0.0.0.0:0"), TcpConnectionState.Listen, 123456)));
    }

    [Test]
    public void Malformed_Line_Is_Rejected() =>
        Assert.That(() => TcpTable.ParseLine("not a line"), Throws.TypeOf<FormatException>().With.Message.Contains("'not a line'"));

    [Test]
    public void A_Real_Listener_Shows_Up_As_Listen()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);

        Assert.That(TcpTable.Read().Listening.Select(e => e.Local), Has.Member(listener.LocalEndPoint));
    }

    [Test, CancelAfter(10_000)]
    public async Task A_Connection_Is_Found_By_Both_Ends_When_Its_Port_Also_Holds_An_Old_Time_Wait(CancellationToken token)
    {
        using var first = Listener();
        using var second = Listener();
        using var client = await BindBesideTimeWaitAsync(first, token);
        await client.ConnectAsync(second.LocalEndPoint!, token);
        var local = (IPEndPoint)client.LocalEndPoint!;

        var table = TcpTable.Read();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(table.Entries.Count(e => e.Local.Equals(local)), Is.EqualTo(2), "the old TIME_WAIT and the new connection share the port");
            Assert.That(table.Connection(local, (IPEndPoint)second.LocalEndPoint!)?.State, Is.EqualTo(TcpConnectionState.Established));
            Assert.That(table.Connection(local, (IPEndPoint)first.LocalEndPoint!)?.State, Is.EqualTo(TcpConnectionState.TimeWait));
            Assert.That(table.Connection(local, new IPEndPoint(IPAddress.Loopback, 1)), Is.Null);
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Side_That_Closes_First_Ends_In_Time_Wait(CancellationToken token)
    {
        var clientFirst = await ConnectionLifecycle.ObserveAsync(clientClosesFirst: true, token);
        var serverFirst = await ConnectionLifecycle.ObserveAsync(clientClosesFirst: false, token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(clientFirst.Steps[^2].Client, Is.EqualTo("TIME_WAIT"));
            Assert.That(clientFirst.Steps[^2].Accepted, Is.EqualTo("CLOSED"), "the accepted socket's connection is over");
            Assert.That(clientFirst.Steps[^3].Accepted, Is.EqualTo("CLOSE_WAIT"));
            Assert.That(serverFirst.Steps[^2].Accepted, Is.EqualTo("TIME_WAIT"));
            Assert.That(serverFirst.Steps[^1].Accepted, Is.EqualTo("TIME_WAIT"), "TIME_WAIT outlives the closed socket");
            Assert.That(serverFirst.Steps[1].Accepted, Is.EqualTo("ESTABLISHED"), "established before accept");
            Assert.That(clientFirst.Steps[3].Step, Is.EqualTo("client: shutdown(Send): sends FIN, gets ACK"));
            Assert.That(clientFirst.Steps.SkipLast(1).Select(s => s.Listener), Has.All.EqualTo("LISTEN"), "the listener stays LISTEN while a connection comes and goes");
            Assert.That(clientFirst.Steps[^1].Listener, Is.EqualTo("CLOSED"));
            Assert.That(clientFirst.Steps[0].Client, Is.EqualTo("CLOSED"));
        }
    }

    [Test]
    public void Caption_Counts_Sockets_In_Words()
    {
        using var listener = Listener();
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(TcpTable.Read().Where(e => e.Local.Port == port).ToTable().Caption, Is.EqualTo("1 TCP socket"));
            Assert.That(TcpTable.Read().Where(_ => false).ToTable().Caption, Is.EqualTo("0 TCP sockets"));
        }
    }

    private static Socket Listener()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(4);
        return listener;
    }

    // Connects to the listener, closes the client side first, then the server side; returns the client's port once
    // that connection shows TIME_WAIT.
    // A socket bound to the port of a fresh TIME_WAIT. Between the close and the bind, a parallel test's connect may be
    // given the same ephemeral port (then the bind fails with "address in use"): that race is the machine's, so try a
    // few times with a new port.
    private static async Task<Socket> BindBesideTimeWaitAsync(Socket listener, CancellationToken token)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = await CloseClientFirstAsync(listener, token);
            var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                client.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return client;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse && attempt < 5)
            {
                client.Dispose();
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }
    }

    private static async Task<int> CloseClientFirstAsync(Socket listener, CancellationToken token)
    {
        var serverEnd = (IPEndPoint)listener.LocalEndPoint!;
        IPEndPoint clientEnd;
        using (var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            await client.ConnectAsync(serverEnd, token);
            clientEnd = (IPEndPoint)client.LocalEndPoint!;
            using var server = await listener.AcceptAsync(token);
            client.Shutdown(SocketShutdown.Send);
            client.Close();
            server.Shutdown(SocketShutdown.Send);
        }

        while (TcpTable.Read().Connection(clientEnd, serverEnd)?.State != TcpConnectionState.TimeWait)
        {
            await Task.Delay(10, token);
        }

        return clientEnd.Port;
    }
}
