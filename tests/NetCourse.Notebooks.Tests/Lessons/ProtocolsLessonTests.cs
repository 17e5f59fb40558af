namespace NetCourse.Notebooks.Tests.Lessons;

public class ProtocolsLessonTests() : LessonFixture("04-protocols.ipynb")
{
    [Test]
    public void Protocols_Table_Places_Each_Protocol_In_Its_Layer() =>
        Assert.That(Run.CellContaining("LayerModels.ProtocolsByLayer()").DisplayedText,
            Does.Contain("HTTP").And.Contain("DNS").And.Contain("SMTP").And.Contain("TFTP").And.Contain("UDP").And.Contain("IEEE 802.3").And.Contain("IEEE 802.11"));

    [TestCase(1)]
    [TestCase(2)]
    public void Server_Listens_On_Loopback(int pass) =>
        Assert.That(Run.CellContaining("TcpServer.StartAsync(\"web\"", pass).DisplayedText, Does.Contain("127.0.0.1:"));

    [Test]
    public void Hand_Written_Request_Gets_A_200_Reply_With_Content_Length()
    {
        var reply = Run.CellContaining("var request = \"GET /hello").DisplayedText;

        Assert.That(reply, Does.StartWith("HTTP/1.1 200 OK").And.Contain("Content-Length: 6").And.Contain("Connection: close").And.Contain("hello"));
    }

    [Test]
    public void Time_Reply_Is_Shown_As_Head_Lines_Then_A_Body_Of_Content_Length_Bytes() =>
        Assert.That(Run.CellContaining("GET /time").DisplayedText,
            Does.Contain("HTTP/1.1 200 OK").And.Contain("Content-Length: 21").And.Contain("empty line")
                .And.Match(@"body: 21 bytes = Content-Length</td><td[^>]*>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"));

    [Test]
    public void Errors_Get_404_405_And_400() =>
        Assert.That(Run.CellContaining("GET /missing").DisplayedText,
            Does.Contain("HTTP/1.1 404 Not Found").And.Contain("HTTP/1.1 405 Method Not Allowed").And.Contain("HTTP/1.1 400 Bad Request")
                .And.Match("405 Method Not Allowed</td><td[^>]*>Allow: GET, HEAD<"));

    [TestCase(1)]
    [TestCase(2)]
    public void Server_Is_Stopped(int pass) =>
        Assert.That(Run.CellContaining("await web.DisposeAsync()", pass).ReturnValue?.PlainText, Is.EqualTo("The web server has stopped: no server named \"web\" is running."));

    [Test]
    public void Smtp_Dialogue_Is_Accepted_Step_By_Step()
    {
        var text = Run.CellContaining("\"HELO learner.test\",\n").DisplayedText;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(text, Does.Contain("220 netcourse.test").And.Contain("354").And.Contain("250 Message 1 accepted").And.Contain("221 Bye"));
            Assert.That(text, Does.Contain("Protocols are agreements about order, too."));
        }
    }

    [Test]
    public void Smtp_Command_Out_Of_Order_Gets_503() =>
        Assert.That(Run.CellContaining("[\"MAIL FROM:<learner@learner.test>\", \"HELO").DisplayedText, Does.Contain("503 Bad sequence"));

    [TestCase(1)]
    [TestCase(2)]
    public void Mail_Server_Is_Stopped(int pass) =>
        Assert.That(Run.CellContaining("await mail.DisposeAsync()", pass).ReturnValue?.PlainText, Is.EqualTo("The mail server has stopped: no server named \"mail\" is running."));
}
