using Microsoft.AspNetCore.Html;
using Microsoft.DotNet.Interactive.Formatting;
using XPlot.Plotly;

namespace NetCourse.Tests.Display;

[NonParallelizable] // ConsoleDisplay.Start changes the working directory and the formatters, both process-wide
public class ConsoleDisplayTests
{
    private string _directory = "";
    private DirectoryInfo _lessons = null!;

    [SetUp]
    public void StartLesson()
    {
        _directory = Environment.CurrentDirectory;
        _lessons = Directory.CreateTempSubdirectory("netcourse-console-display-");
        Directory.CreateDirectory(Path.Combine(_lessons.FullName, "run"));
        ConsoleDisplay.Start("09-test", Path.Combine(_lessons.FullName, "run", "09-test.cs"));
    }

    [TearDown]
    public void Restore()
    {
        Environment.CurrentDirectory = _directory;
        Formatter.ResetToDefault();
        _lessons.Delete(recursive: true);
    }

    [Test]
    public void Tables_Print_As_Aligned_Text()
    {
        var text = ConsoleDisplay.Format(new HtmlTable("service", "port") { Caption = "services" }.AddRow("ssh", 22));

        Assert.That(text, Is.EqualTo("services\nservice  port\n-------  ----\nssh      22".ReplaceLineEndings()));
    }

    [Test]
    public void Working_Directory_Is_The_Notebooks_Folder_Above_The_Lesson_File() =>
        Assert.That(Environment.CurrentDirectory, Is.EqualTo(_lessons.FullName));

    [Test]
    public void Charts_Are_Written_To_Numbered_Html_Files_Beside_The_Lesson()
    {
        var chart = Chart.Plot(new Histogram { x = new[] { 1, 2, 2, 3 } });

        var first = ConsoleDisplay.Format(chart);
        var second = ConsoleDisplay.Format(chart);
        var file = Path.Combine(_lessons.FullName, "run", "out", "09-test-chart-1.html");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first, Does.StartWith("chart: ").And.EndWith("09-test-chart-1.html"));
            Assert.That(second, Does.EndWith("09-test-chart-2.html"));
            Assert.That(File.ReadAllText(file), Does.StartWith("<!DOCTYPE html>").And.Contain(chart.Id).And.Contain("</html>"));
            Assert.That(File.ReadAllText(file), Does.Contain($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{ChartSvg.RootClass}\""), "the page shows the chart without plotly.js too");
        }
    }

    [Test]
    public void Html_Content_With_Its_Own_Text_Prints_The_Text_Too()
    {
        var text = ConsoleDisplay.Format(new NetCourse.HexDump("GET /"u8.ToArray(), ("request", 5)));

        Assert.That(text, Does.StartWith("0000  47 45 54 20 2f").And.Contain("html: "));
    }

    [Test]
    public void Html_Content_Is_Written_To_A_File()
    {
        var text = ConsoleDisplay.Format(new HtmlString("<svg width=\"10\" height=\"10\"></svg>"));

        Assert.That(File.ReadAllText(Path.Combine(_lessons.FullName, "run", "out", "09-test-html-1.html")), Does.Contain("<svg width=\"10\""), text);
    }

    [TestCase(null, "<null>")]
    [TestCase("text", "text")]
    [TestCase(42, "42")]
    public void Simple_Values_Print_As_Their_Text(object? value, string expected) =>
        Assert.That(ConsoleDisplay.Format(value), Is.EqualTo(expected));

    [Test]
    public void Sequences_Print_One_Item_A_Line() =>
        Assert.That(ConsoleDisplay.Format(new Dictionary<int, int> { [1] = 2, [4] = 1 }), Is.EqualTo("[1, 2]\n[4, 1]".ReplaceLineEndings()));
}
