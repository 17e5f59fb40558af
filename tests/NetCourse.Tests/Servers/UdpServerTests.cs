using System.Net;
using System.Net.Sockets;

namespace NetCourse.Tests.Servers;

public class UdpServerTests
{
    [Test, CancelAfter(15_000)]
    public async Task Udp_Server_Keeps_Answering_After_A_Handler_Error_And_Records_It(CancellationToken token)
    {
        await using var server = await UdpServer.StartAsync($"udp-{Guid.NewGuid()}", d => d.Length == 4 ? throw new InvalidOperationException("boom") : d);
        using var socket = UdpClientSteps.Open();

        var first = await AskAsync(socket, server.EndPoint, "ok", token);
        UdpClientSteps.Send(socket, server.EndPoint, "boom"u8);
        var afterError = await AskAsync(socket, server.EndPoint, "ok", token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first, Is.EqualTo("ok"u8.ToArray()));
            Assert.That(afterError, Is.EqualTo("ok"u8.ToArray()), "the datagram after the failing one is still answered");
            Assert.That(server.HandlerErrorCount, Is.EqualTo(1));
            Assert.That(server.HandlerErrors.Select(e => e.Message), Has.Member("boom"));
        }
    }

    [Test, CancelAfter(15_000)]
    public async Task Udp_Server_Keeps_Answering_After_A_Reply_Too_Large_For_A_Datagram(CancellationToken token)
    {
        await using var server = await UdpServer.StartAsync($"udp-{Guid.NewGuid()}", d => d.Length == 3 ? new byte[70_000] : d);
        using var socket = UdpClientSteps.Open();

        UdpClientSteps.Send(socket, server.EndPoint, "big"u8);
        var afterError = await AskAsync(socket, server.EndPoint, "ok", token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(afterError, Is.EqualTo("ok"u8.ToArray()));
            Assert.That(server.HandlerErrorCount, Is.EqualTo(1));
            Assert.That(server.HandlerErrors.Single().Message, Does.Contain("70000"));
        }
    }

    [Test, CancelAfter(15_000)]
    public async Task Udp_Receive_Over_Ipv6_Returns_The_Datagram(CancellationToken token)
    {
        if (!Socket.OSSupportsIPv6)
        {
            Assert.Ignore("This machine has no IPv6.");
        }

        await using var server = await UdpServer.StartAsync($"udp6-{Guid.NewGuid()}", d => [.. d.Reverse()], IPAddress.IPv6Loopback);
        using var socket = UdpClientSteps.Open(AddressFamily.InterNetworkV6);

        UdpClientSteps.Send(socket, server.EndPoint, "abc"u8);
        var reply = await UdpClientSteps.ReceiveAsync(socket, TimeSpan.FromSeconds(5), token);

        Assert.That(reply, Is.EqualTo("cba"u8.ToArray()));
    }

    private static async Task<byte[]?> AskAsync(Socket socket, EndPoint server, string text, CancellationToken token)
    {
        UdpClientSteps.Send(socket, server, System.Text.Encoding.ASCII.GetBytes(text));
        return await UdpClientSteps.ReceiveAsync(socket, TimeSpan.FromSeconds(3), token);
    }
}
