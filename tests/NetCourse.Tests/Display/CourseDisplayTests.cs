using Microsoft.DotNet.Interactive.Formatting;
using XPlot.Plotly;

namespace NetCourse.Tests.Display;

[NonParallelizable] // formatters and chart settings are process-wide
public class CourseDisplayTests
{
    [SetUp]
    public void Register()
    {
        Formatter.ResetToDefault();
        CourseDisplay.Register();
    }

    [TearDown]
    public void Reset()
    {
        Formatter.ResetToDefault();
        ChartSettings.Source = PlotlySource.Cdn;
        ChartSettings.PlotlyLocation = null;
    }

    [Test]
    public void Any_Tabular_Value_Renders_As_Its_Html_Table()
    {
        ITabular value = new HtmlTable("service", "port").AddRow("ssh", 22);

        var html = value.ToDisplayString(HtmlFormatter.MimeType);

        Assert.That(html, Does.StartWith("<table class=\"netcourse\">").And.Contain("<td style=\"text-align:left\">ssh</td>"));
    }

    [Test]
    public void Tabular_Value_Renders_As_Aligned_Text_In_Plain_Text()
    {
        var text = new HtmlTable("service", "port").AddRow("ssh", 22).ToDisplayString(PlainTextFormatter.MimeType);

        Assert.That(text, Does.Contain("service  port").And.Contain("ssh      22"));
    }

    [Test]
    public void Chart_From_Cdn_Loads_Plotly_2_Only_When_Missing_And_Draws_Into_Its_Div()
    {
        var chart = Chart.Plot(new Histogram { x = new[] { 1.0, 2, 2, 3 } });

        var html = chart.ToDisplayString(HtmlFormatter.MimeType);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(html, Does.Contain($"<div id=\"{chart.Id}\""));
            Assert.That(html, Does.Contain("if (window.Plotly) { draw(); return; }"));
            Assert.That(html, Does.Contain("https://cdn.plot.ly/plotly-2.35.3.min.js"));
            Assert.That(html, Does.Contain($"Plotly.newPlot('{chart.Id}'"));
        }
    }

    [Test]
    public void Chart_Html_Holds_The_Drawing_In_Its_Div_And_The_Svg_Mime_Type_Carries_It_Too()
    {
        var chart = TimingSample.Histogram("H", new TimingSample("fast", [10, 11, 11, 12]));

        var html = chart.ToDisplayString(HtmlFormatter.MimeType);
        var values = FormattedValue.CreateManyFromObject(chart);
        var div = html.IndexOf($"<div id=\"{chart.Id}\"", StringComparison.Ordinal);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(div, Is.Not.Negative);
            Assert.That(html.IndexOf($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{ChartSvg.RootClass}\"", StringComparison.Ordinal), Is.GreaterThan(div));
            Assert.That(html.IndexOf("</svg></div>", StringComparison.Ordinal), Is.LessThan(html.IndexOf("<script>", StringComparison.Ordinal)));
            Assert.That(html, Does.Contain("if (still) still.remove();"), "plotly replaces the drawing where it can draw");
            Assert.That(values.Select(v => v.MimeType), Is.EqualTo(new[] { HtmlFormatter.MimeType, "image/svg+xml" }));
            Assert.That(values.Single(v => v.MimeType == "image/svg+xml").Value, Is.EqualTo(ChartSvg.Render(chart)));
        }
    }

    [Test]
    public void Chart_With_A_Local_Copy_Points_At_Its_File_Url()
    {
        var path = Path.Combine(Path.GetTempPath(), "netcourse-tests", "plotly.min.js");
        ChartSettings.Source = PlotlySource.Local;
        ChartSettings.PlotlyLocation = path;

        var html = Chart.Plot(new Scatter { x = new[] { 1, 2 }, y = new[] { 3, 4 } }).ToDisplayString(HtmlFormatter.MimeType);

        Assert.That(html, Does.Contain($"s.src = '{new Uri(path).AbsoluteUri}'"));
    }

    [Test]
    public void Inline_Chart_Embeds_Plotly_And_Escapes_Closing_Script_Tags()
    {
        var folder = Directory.CreateTempSubdirectory("netcourse-plotly-");
        var path = Path.Combine(folder.FullName, "plotly.min.js");
        File.WriteAllText(path, "window.Plotly = { newPlot: function(){} }; var s = '</script>';");
        ChartSettings.Source = PlotlySource.Inline;
        ChartSettings.PlotlyLocation = path;
        try
        {
            var html = Chart.Plot(new Bar { x = new[] { "a" }, y = new[] { 1 } }).ToDisplayString(HtmlFormatter.MimeType);

            using (Assert.EnterMultipleScope())
            {
                Assert.That(html, Does.Contain("window.Plotly = { newPlot: function(){} };"));
                Assert.That(html, Does.Contain("'<\\/script>'"));
                Assert.That(html, Does.Not.Contain("cdn.plot.ly"));
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Test]
    public void Inline_Chart_Without_A_Local_Copy_Says_How_To_Get_One()
    {
        ChartSettings.Source = PlotlySource.Inline;
        ChartSettings.PlotlyLocation = Path.Combine(Path.GetTempPath(), "no-such-folder", "plotly.min.js");

        Assert.That(() => PlotlyChartHtml.Render(Chart.Plot(new Bar())), Throws.TypeOf<FileNotFoundException>().With.Message.Contains("no-such-folder"));
    }
}
