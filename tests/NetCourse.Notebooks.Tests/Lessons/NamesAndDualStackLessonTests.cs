namespace NetCourse.Notebooks.Tests.Lessons;

public class NamesAndDualStackLessonTests() : LessonFixture("18-names-and-dual-stack.ipynb")
{
    [Test]
    public void Localhost_Lookups_List_Loopback_Addresses_By_Family() =>
        Assert.That(Value("var lookups = new HtmlTable"), Does.Match(@"any family \| 1 \| (127\.0\.0\.1|::1) \| IPv[46] \| yes").And.Contain("IPv4 only | 1 | 127.0.0.1 | IPv4 | yes"));

    [Test]
    public void The_Client_Falls_Back_From_A_Refused_Ipv6_Address_To_Ipv4() =>
        Assert.That(Value("var tries = new HtmlTable"), Does.Contain("::1 | failed: ConnectionRefused; trying the next address").And.Match(@"127\.0\.0\.1 \| connected to 127\.0\.0\.1:\d+"));

    [Test]
    public void The_Query_Is_Explained_Field_By_Field()
    {
        var text = Value("var query = DnsMessage.Query(0x1234");

        Assert.That(text, Does.Contain("0 | 1234 | ID | 4660 (0x1234)").And.Contain("course.test (labels, ending in a zero byte)").And.Contain("1 (A)"));
    }

    [Test]
    public void The_Reply_Names_Its_Answer_With_A_Pointer_To_Offset_12() =>
        Assert.That(Value("var reply = await UdpClientSteps.ReceiveAsync(resolver"), Does.Contain("c00c | NAME | course.test (pointer to offset 12)").And.Contain("RDATA | 127.0.0.1").And.Contain("QR=1 response"));

    [Test]
    public void Unknown_Names_And_Malformed_Queries_Get_Their_Response_Codes() =>
        Assert.That(Value("var asked = new HtmlTable"), Does.Contain("course.test AAAA | NOERROR | ::1").And.Contain("www.course.test A | NOERROR | 127.0.0.2, 127.0.0.3")
            .And.Contain("nowhere.test A | NXDOMAIN").And.Contain("0x40 | FORMERR"));

    [Test]
    public void Happy_Eyeballs_Connects_Over_Ipv4_After_The_Stagger_While_One_By_One_Waits_The_Deadline()
    {
        var text = Value("new HtmlTable(\"strategy\", \"connected to\", \"after\")");

        Assert.That(text, Does.Match(@"one address after another, 2 s each \| 127\.0\.0\.1:\d+ \| (2\d{3}) ms").And.Match(@"Happy Eyeballs, 250 ms stagger \| 127\.0\.0\.1:\d+ \| \d{3} ms"));
    }

    [Test]
    public void Everything_Is_Stopped() => Assert.That(Value("await dns.DisposeAsync()"), Is.EqualTo("servers still running: 0"));
}
