
namespace NetCourse.Tests.Protocols;

[NonParallelizable] // servers are registered by name in a static table
public class TinySmtpServerTests
{
    [Test]
    [CancelAfter(10_000)]
    public async Task Scripted_Client_Gets_One_Reply_Per_Command_And_None_For_Message_Lines(CancellationToken cancellationToken)
    {
        var transcript = await TalkAsync(
            ["HELO client.test", "MAIL FROM:<ann@client.test>", "RCPT TO:<bob@netcourse.test>", "DATA", "Subject: hi", "", "Hello Bob.", ".", "QUIT"],
            cancellationToken);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(transcript.Lines.Count(l => l.Side == "S"), Is.EqualTo(7)); // greeting + 6 replies
            Assert.That(transcript.Lines[0].Line, Does.StartWith("220"));
            Assert.That(transcript.Lines[^1].Line, Does.StartWith("221"));
            Assert.That(transcript.ToString(), Does.Contain("S: 354").And.Contain("S: 250 Message 1 accepted"));
        }
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Line_Over_1000_Octets_Gets_500(CancellationToken cancellationToken)
    {
        var transcript = await TalkAsync(["HELO client.test", "NOOP " + new string('x', 1000)], cancellationToken);

        Assert.That(transcript.Lines[^1].Line, Does.StartWith("500 "), "RFC 5321 4.5.3.1.6: a line is at most 1000 octets with its CRLF");
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Line_Of_Exactly_1000_Octets_Is_Accepted(CancellationToken cancellationToken)
    {
        var transcript = await TalkAsync(["NOOP " + new string('x', 993)], cancellationToken);

        Assert.That(transcript.Lines[^1].Line, Is.EqualTo("250 OK"));
    }

    [TestCase("EHLO client.test", "250 netcourse.test ")]
    [TestCase("HELO client.test", "250 netcourse.test ")]
    [TestCase("VRFY bob", "502 ")]
    [TestCase("EXPN staff", "502 ")]
    [CancelAfter(10_000)]
    public async Task Reply_Starts_As_Rfc_5321_Says(string command, string start, CancellationToken cancellationToken)
    {
        var transcript = await TalkAsync([command], cancellationToken);

        Assert.That(transcript.Lines[^1].Line, Does.StartWith(start));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Idle_Connection_Gets_421_And_Is_Closed(CancellationToken cancellationToken)
    {
        var server = await TcpServer.StartAsync("tiny-smtp-test", TinySmtpServer.Handler(TimeSpan.FromSeconds(1)), cancellationToken: cancellationToken);
        try
        {
            using var client = await SocketClient.ConnectAsync(server.EndPoint, TimeSpan.FromSeconds(5), cancellationToken);
            await SocketClient.SendAllAsync(client, "HELO half", TimeSpan.FromSeconds(5), cancellationToken); // no CR LF: half a line

            var said = System.Text.Encoding.ASCII.GetString(await SocketClient.ReceiveUntilClosedAsync(client, TimeSpan.FromSeconds(5), cancellationToken: cancellationToken));

            using (Assert.EnterMultipleScope())
            {
                Assert.That(said, Does.StartWith("220 "));
                Assert.That(said, Does.EndWith("\r\n421 netcourse.test Idle for 1 s, closing\r\n"));
                Assert.That(server.HandlerErrorCount, Is.Zero);
            }
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static async Task<Transcript> TalkAsync(string[] lines, CancellationToken cancellationToken)
    {
        await using var server = await TcpServer.StartAsync("tiny-smtp-test", TinySmtpServer.Handle, cancellationToken: cancellationToken);
        return await SmtpScript.RunAsync(server.EndPoint, lines, TimeSpan.FromSeconds(5), cancellationToken);
    }
}
