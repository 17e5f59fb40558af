namespace NetCourse.Notebooks.Tests.Lessons;

public class ProtocolsLessonTests() : LessonFixture("04-protocols.ipynb", null, "http-time-reply/parts", "http-errors/errors")
{
    [Test]
    public void Protocols_Table_Places_Each_Protocol_In_Its_Layer() =>
        Assert.That(Value("protocols-by-layer"),
            Does.Contain("HTTP").And.Contain("DNS").And.Contain("SMTP").And.Contain("TFTP").And.Contain("UDP").And.Contain("IEEE 802.3").And.Contain("IEEE 802.11"));

    [TestCase(1)]
    [TestCase(2)]
    public void Server_Listens_On_Loopback(int pass) =>
        Assert.That(Run.Cell("web-server-start", pass).ReturnValue?.PlainText, Does.Contain("127.0.0.1:"));

    [Test]
    public void Hand_Written_Request_Gets_A_200_Reply_With_Content_Length()
    {
        var reply = Value("http-hello-request");

        Assert.That(reply, Does.StartWith("HTTP/1.1 200 OK").And.Contain("Content-Length: 6").And.Contain("Connection: close").And.Contain("hello"));
    }

    [Test]
    public void Time_Reply_Is_Shown_As_Head_Lines_Then_A_Body_Of_Content_Length_Bytes()
    {
        var rows = Rows(Json("http-time-reply", "parts"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rows[0], Is.EqualTo(new[] { "status line + \\r\\n", "HTTP/1.1 200 OK" }));
            Assert.That(rows, Has.Some.EqualTo(new[] { "header + \\r\\n", "Content-Length: 21" }));
            Assert.That(rows[^2][0], Is.EqualTo("empty line"));
            Assert.That(rows[^1][0], Is.EqualTo("body: 21 bytes = Content-Length"));
            Assert.That(rows[^1][1], Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"));
        }
    }

    [Test]
    public void Errors_Get_404_405_And_400() =>
        Assert.That(Rows(Json("http-errors", "errors")), Is.EqualTo(new[]
        {
            new[] { "GET /missing HTTP/1.1", "HTTP/1.1 404 Not Found", "" },
            new[] { "DELETE / HTTP/1.1", "HTTP/1.1 405 Method Not Allowed", "Allow: GET, HEAD" },
            new[] { "hello there", "HTTP/1.1 400 Bad Request", "" },
        }));

    [TestCase(1)]
    [TestCase(2)]
    public void Server_Is_Stopped(int pass) =>
        Assert.That(Run.Cell("web-server-stop", pass).ReturnValue?.PlainText, Is.EqualTo("The web server has stopped: no server named \"web\" is running."));

    [Test]
    public void Smtp_Dialogue_Is_Accepted_Step_By_Step()
    {
        var text = Value("smtp-dialogue");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(text, Does.Contain("220 netcourse.test").And.Contain("354").And.Contain("250 Message 1 accepted").And.Contain("221 Bye"));
            Assert.That(text, Does.Contain("Protocols are agreements about order, too."));
        }
    }

    [Test]
    public void Smtp_Command_Out_Of_Order_Gets_503() =>
        Assert.That(Value("smtp-out-of-order"), Does.Contain("503 Bad sequence"));

    [TestCase(1)]
    [TestCase(2)]
    public void Mail_Server_Is_Stopped(int pass) =>
        Assert.That(Run.Cell("mail-server-stop", pass).ReturnValue?.PlainText, Is.EqualTo("The mail server has stopped: no server named \"mail\" is running."));
}
