namespace NetCourse.Notebooks.Tests.Lessons;

public class StandardsAndLayerModelsLessonTests() : LessonFixture("02-standards-and-layer-models.ipynb")
{
    [Test]
    public void Utf8_Bytes_Read_As_Latin1_Are_Six_Printable_Characters()
    {
        var text = System.Net.WebUtility.HtmlDecode(Run.Cell("utf8-read-as-latin1").DisplayedText);

        Assert.That(text, Does.Contain("6E61C3AF7665").And.Contain("naïve").And.Contain("naÃ¯ve"));
    }

    [Test]
    public void Port_8080_Read_In_The_Wrong_Order_Is_36895()
    {
        var text = Run.Cell("byte-order").DisplayedText;

        Assert.That(text, Does.Contain("1F90").And.Contain("8080").And.Contain("36895"));
    }

    [Test]
    public void Osi_Table_Lists_Seven_Layers_With_Examples()
    {
        var html = Run.Cell("osi-table").ReturnValue?["text/html"] ?? "";

        using (Assert.EnterMultipleScope())
        {
            Assert.That(html, Does.Contain("ISO/IEC 7498-1"));
            Assert.That(html.Split("<tr").Length - 1, Is.EqualTo(8), "a header row and seven layers");
            foreach (var name in new[] { "Application", "Presentation", "Session", "Transport", "Network", "Data link", "Physical" })
            {
                Assert.That(html, Does.Contain(name));
            }

            Assert.That(html, Does.Contain("a router").And.Contain("a switch").And.Contain("IEEE 802.3"));
        }
    }

    [Test]
    public void Side_By_Side_Maps_Osi_Onto_Five_And_Four_Layers()
    {
        var html = Run.Cell("models-side-by-side").ReturnValue?["text/html"] ?? "";

        Assert.That(html, Does.Contain("RFC 1122").And.Contain("2 Internet").And.Contain("1 Link").And.Contain("2 Data link"));
    }

    [Test]
    public void Presentation_Belongs_To_The_Tcp_Ip_Application_Layer_Shown_As_A_Table() =>
        Assert.That(Run.Cell("tcpip-layer-covering-osi-6").ReturnValue?["text/html"] ?? "",
            Does.Contain(">covers OSI layers<").And.Match("<td[^>]*>Application</td>").And.Contain(">5, 6, 7<").And.Not.Contain("OsiLayers"));
}
