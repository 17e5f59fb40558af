
namespace NetCourse.Tests.Protocols;

public class SmtpDialogueTests
{
    [Test]
    public void Whole_Dialogue_Delivers_One_Message()
    {
        var dialogue = new SmtpDialogue();
        string?[] replies =
        [
            dialogue.Answer("HELO client.test"),
            dialogue.Answer("MAIL FROM:<ann@client.test>"),
            dialogue.Answer("RCPT TO:<bob@netcourse.test>"),
            dialogue.Answer("DATA"),
            dialogue.Answer("Subject: hi"),
            dialogue.Answer(""),
            dialogue.Answer("..a line starting with a dot"),
            dialogue.Answer("."),
            dialogue.Answer("QUIT"),
        ];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(replies.Select(r => r?[..3]), Is.EqualTo(new[] { "250", "250", "250", "354", null, null, null, "250", "221" }));
            Assert.That(dialogue.Delivered, Is.EqualTo(new[] { "<ann@client.test> -> <bob@netcourse.test>: 3 lines" }));
            Assert.That(dialogue.Closed, Is.True);
        }
    }

    [TestCase("MAIL FROM:<a@b>", "503")]
    [TestCase("RCPT TO:<a@b>", "503")]
    [TestCase("DATA", "503")]
    [TestCase("HELO", "501")]
    [TestCase("FETCH mail", "500")]
    [TestCase("NOOP", "250")]
    public void Command_Before_Helo_Gets_The_Right_Code(string line, string code) =>
        Assert.That(new SmtpDialogue().Answer(line), Does.StartWith(code));

    [Test]
    public void Data_Without_Recipient_Is_Out_Of_Sequence()
    {
        var dialogue = new SmtpDialogue();
        dialogue.Answer("EHLO x");
        dialogue.Answer("MAIL FROM:<a@b>");

        Assert.That(dialogue.Answer("DATA"), Does.StartWith("503").And.Contain("RCPT TO"));
    }

    [Test]
    public void Answer_After_Quit_Is_Rejected()
    {
        var dialogue = new SmtpDialogue();
        dialogue.Answer("QUIT");

        Assert.That(() => dialogue.Answer("NOOP"), Throws.InvalidOperationException.With.Message.Contains("QUIT"));
    }
}
