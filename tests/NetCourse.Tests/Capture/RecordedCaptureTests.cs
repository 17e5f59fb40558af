namespace NetCourse.Tests.Capture;

[NonParallelizable] // turns live capture off through an environment variable
public class RecordedCaptureTests
{
    [TestCase("hello")]
    [TestCase("timing")]
    public void Recording_Is_The_Lessons_Exchange_Parsed_Like_A_Live_Capture(string message)
    {
        var diagram = CapturedConnection.Recorded(message);
        var s = diagram.Segments;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(s.Select(x => x.FlagNames), Is.EqualTo(new[] { "SYN", "SYN-ACK", "ACK", "PSH-ACK", "ACK", "PSH-ACK", "ACK", "FIN-ACK", "FIN-ACK", "ACK" }));
            Assert.That(s.Where(x => x.PayloadLength > 0).Select(x => x.PayloadLength), Is.EqualTo(new[] { message.Length, message.Length }), "the message and its echo");
            Assert.That(s[1].Acknowledgement, Is.EqualTo(s[0].Sequence + 1));
            Assert.That(s.All(x => x.Source.Address.Equals(System.Net.IPAddress.Loopback)), Is.True, "recorded on loopback");
        }
    }

    [Test]
    public void Recording_Is_Labelled_In_One_Line_In_The_Drawing_And_The_Table()
    {
        var diagram = CapturedConnection.Recorded("hello");
        var svg = Html(diagram);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(diagram.Note, Is.EqualTo("recorded on loopback (not live): to see it live, install tcpdump and run as root / with CAP_NET_RAW"));
            Assert.That(svg, Does.StartWith("<svg").And.Contain(">recorded on loopback (not live): to see it live, install tcpdump and run as root / with CAP_NET_RAW</text>").And.Contain("SYN-ACK seq=0 ack=1"));
            Assert.That(diagram.ToTable().Caption, Does.EndWith("; " + diagram.Note));
        }
    }

    [Test]
    public void The_Lessons_Messages_Have_Recordings() => Assert.That(CapturedConnection.RecordedMessages, Is.EquivalentTo(new[] { "hello", "timing" }));

    [Test, CancelAfter(10_000)]
    public async Task Without_Live_Capture_RecordAsync_Shows_The_Recording(CancellationToken token)
    {
        var before = Environment.GetEnvironmentVariable(PacketCapture.TurnedOffVariable);
        Environment.SetEnvironmentVariable(PacketCapture.TurnedOffVariable, "1");
        try
        {
            var diagram = await CapturedConnection.RecordAsync("timing", token);

            using (Assert.EnterMultipleScope())
            {
                Assert.That(PacketCapture.Unavailable, Does.Contain("NETCOURSE_NO_CAPTURE"));
                Assert.That(diagram.Note, Does.StartWith("recorded on loopback (not live)"));
                Assert.That(diagram.Segments.Where(x => x.PayloadLength > 0).Select(x => x.PayloadLength), Is.EqualTo(new[] { 6, 6 }));
                Assert.That(() => CapturedConnection.RecordAsync("goodbye", token), Throws.InvalidOperationException.With.Message.Contains("'goodbye'").And.Message.Contains("'hello', 'timing'"));
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(PacketCapture.TurnedOffVariable, before);
        }
    }

    private static string Html(SequenceDiagram content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }
}
