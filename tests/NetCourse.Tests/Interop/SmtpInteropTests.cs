using System.Text.Json;

namespace NetCourse.Tests.Interop;

/// <summary>Python's smtplib against <see cref="TinySmtpServer"/>.</summary>
[Category("Interop")]
public class SmtpInteropTests
{
    [Test, CancelAfter(60_000)]
    public async Task Smtplib_Sends_Mail_And_Reads_Every_Reply(CancellationToken token)
    {
        var python = Tools.Python("smtplib");
        await using var server = await TcpServer.StartAsync($"smtp-python-{Guid.NewGuid()}", TinySmtpServer.Handle, cancellationToken: token);

        var run = await Tools.RunAsync(python, [Path.Combine(Tools.Scripts, "smtp_client.py"), "127.0.0.1", server.EndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(40));
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var said = JsonDocument.Parse(run.Stdout).RootElement;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(said.GetProperty("ehlo")[0].GetInt32(), Is.EqualTo(250));
            Assert.That(said.GetProperty("ehlo")[1].GetString(), Does.StartWith(SmtpDialogue.Domain + " "), "RFC 5321 4.1.1.1: the EHLO reply starts with the server's domain");
            Assert.That(said.GetProperty("vrfy")[0].GetInt32(), Is.EqualTo(502));
            Assert.That(said.GetProperty("refused").EnumerateObject(), Is.Empty, "both recipients accepted");
            Assert.That(said.GetProperty("noop")[0].GetInt32(), Is.EqualTo(250), "the dialogue goes on after a message");
            Assert.That(said.GetProperty("long")[0].GetInt32(), Is.EqualTo(500), "a line over 1000 octets");
            Assert.That(server.HandlerErrors, Is.Empty);
        }
    }
}
