
namespace NetCourse.Tests.Tcp;

public class LossExperimentTests
{
    [Test, CancelAfter(60_000)]
    public async Task Udp_Loses_Datagrams_While_The_Tcp_Sender_Waits_And_Loses_Nothing(CancellationToken token)
    {
        var loss = await LossExperiment.RunAsync(messages: 2000, size: 512, bufferSize: 4096, cancellationToken: token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(loss.UdpReceived, Is.LessThan(2000));
            Assert.That(loss.TcpReceived, Is.EqualTo(2000));
            Assert.That(loss.UdpReceiveBuffer, Is.GreaterThanOrEqualTo(4096), "the buffer is read back from the socket");
            Assert.That(loss.RequestedBufferSize, Is.EqualTo(4096));
            Assert.That(loss.TcpLongestSend, Is.GreaterThan(TimeSpan.FromMilliseconds(50)), "the receiver starts reading 200 ms late, so a TCP send had to wait");
            Assert.That(loss.ToTable().ToString(), Does.Contain("receive buffer (read back)"));
        }
    }
}
