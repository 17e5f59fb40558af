namespace NetCourse.Notebooks.Tests.Lessons;

public class StandardsAndLayerModelsLessonTests() : LessonFixture("02-standards-and-layer-models.ipynb")
{
    [Test]
    public void Utf8_Bytes_Read_As_Latin1_Are_Six_Printable_Characters()
    {
        var text = Value("utf8-read-as-latin1");

        Assert.That(text, Does.Contain("6E61C3AF7665").And.Contain("naïve").And.Contain("naÃ¯ve"));
    }

    [Test]
    public void Port_8080_Read_In_The_Wrong_Order_Is_36895()
    {
        var text = Value("byte-order");

        Assert.That(text, Does.Contain("1F90").And.Contain("8080").And.Contain("36895"));
    }

    [Test]
    public void Osi_Table_Lists_Seven_Layers_With_Examples()
    {
        var text = Value("osi-table");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(text, Does.Contain("ISO/IEC 7498-1"));
            Assert.That(ValueRows("osi-table").Count(r => r.Count > 1), Is.EqualTo(8), "a header row and seven layers");
            foreach (var name in new[] { "Application", "Presentation", "Session", "Transport", "Network", "Data link", "Physical" })
            {
                Assert.That(text, Does.Contain(name));
            }

            Assert.That(text, Does.Contain("a router").And.Contain("a switch").And.Contain("IEEE 802.3"));
        }
    }

    [Test]
    public void Side_By_Side_Maps_Osi_Onto_Five_And_Four_Layers()
    {
        var text = Value("models-side-by-side");

        Assert.That(text, Does.Contain("RFC 1122").And.Contain("2 Internet").And.Contain("1 Link").And.Contain("2 Data link"));
    }

    [Test]
    public void Presentation_Belongs_To_The_Tcp_Ip_Application_Layer_Shown_As_A_Table() =>
        Assert.That(ValueRows("tcpip-layer-covering-osi-6").SelectMany(r => r), Has.Some.EqualTo("covers OSI layers").And.Some.EqualTo("Application").And.Some.EqualTo("5, 6, 7").And.None.Contains("OsiLayers"));
}
