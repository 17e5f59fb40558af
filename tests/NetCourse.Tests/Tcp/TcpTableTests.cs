using System.Net;
using System.Net.Sockets;
using NetCourse.Tcp;

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

        Assert.That(entry, Is.EqualTo(new TcpSocketEntry(IPEndPoint.Parse("127.0.0.1:8080"), IPEndPoint.Parse("0.0.0.0:0"), TcpState.Listen, 123456)));
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
    public async Task Side_That_Closes_First_Ends_In_Time_Wait(CancellationToken token)
    {
        var clientFirst = await ConnectionLifecycle.ObserveAsync(clientClosesFirst: true, token);
        var serverFirst = await ConnectionLifecycle.ObserveAsync(clientClosesFirst: false, token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(clientFirst.Steps[^1].Client, Is.EqualTo("TIME_WAIT"));
            Assert.That(clientFirst.Steps[^2].Server, Is.EqualTo("CLOSE_WAIT"));
            Assert.That(serverFirst.Steps[^1].Server, Is.EqualTo("TIME_WAIT"));
            Assert.That(serverFirst.Steps[1].Server, Is.EqualTo("ESTABLISHED"), "established before accept");
        }
    }
}
