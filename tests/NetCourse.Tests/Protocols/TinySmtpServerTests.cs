
namespace NetCourse.Tests.Protocols;

[NonParallelizable] // servers are registered by name in a static table
public class TinySmtpServerTests
{
    [Test]
    [CancelAfter(10_000)]
    public async Task Scripted_Client_Gets_One_Reply_Per_Command_And_None_For_Message_Lines(CancellationToken cancellationToken)
    {
        var server = await TcpServer.StartAsync("tiny-smtp-test", TinySmtpServer.Handle, cancellationToken: cancellationToken);
        try
        {
            var transcript = await SmtpScript.RunAsync(server.EndPoint,
                ["HELO client.test", "MAIL FROM:<ann@client.test>", "RCPT TO:<bob@netcourse.test>", "DATA", "Subject: hi", "", "Hello Bob.", ".", "QUIT"],
                TimeSpan.FromSeconds(5), cancellationToken);

            using (Assert.EnterMultipleScope())
            {
                Assert.That(transcript.Lines.Count(l => l.Side == "S"), Is.EqualTo(7)); // greeting + 6 replies
                Assert.That(transcript.Lines[0].Line, Does.StartWith("220"));
                Assert.That(transcript.Lines[^1].Line, Does.StartWith("221"));
                Assert.That(transcript.ToString(), Does.Contain("S: 354").And.Contain("S: 250 Message 1 accepted"));
            }
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
