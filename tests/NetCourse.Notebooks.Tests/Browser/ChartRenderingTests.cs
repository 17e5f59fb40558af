using System.Text.RegularExpressions;
using NetCourse.Course.Running;

namespace NetCourse.Notebooks.Tests.Browser;

/// <summary>
/// The course's charts in headless Chromium with no network: with plotly.js from the CDN (unreachable) the static
/// drawing stays; with plotly.js inlined from the local copy, plotly draws its SVG (titles, histogram bars, CDF lines)
/// and removes the static drawing.
/// </summary>
[Category("Browser"), NonParallelizable] // chart settings are process-wide
public partial class ChartRenderingTests
{
    private static readonly TimingSample Fast = new("fast", Enumerable.Range(0, 500).Select(i => 10 + (i % 37 * 0.5)));
    private static readonly TimingSample Slow = new("slow", Enumerable.Range(0, 500).Select(i => 30 + (i % 53 * 1.5)));

    [TearDown]
    public void Reset()
    {
        ChartSettings.Source = PlotlySource.Cdn;
        ChartSettings.PlotlyLocation = null;
    }

    [Test, CancelAfter(180_000)]
    public async Task Without_Plotly_The_Static_Drawing_Stays(CancellationToken token)
    {
        RequireChromium();
        ChartSettings.Source = PlotlySource.Cdn;

        var dom = await RenderAsync(token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dom, Does.Not.Contain("class=\"main-svg\""), "the CDN is out of reach");
            Assert.That(Regex.Count(dom, "<svg [^>]*class=\"netcourse-chart\""), Is.EqualTo(2), "both charts keep their drawing");
            Assert.That(dom, Does.Contain(">Connect time histogram</text>").And.Contain(">Connect time CDF</text>"));
            Assert.That(Regex.Count(dom, "<g class=\"series\""), Is.EqualTo(1 + 4), "a histogram; two lines and their percentile markers");
        }
    }

    [Test, CancelAfter(180_000)]
    public async Task With_Plotly_Inlined_Plotly_Draws_In_Place_Of_The_Drawing(CancellationToken token)
    {
        RequireChromium();
        var plotly = PlotlyFiles.FindLocalCopy();
        if (plotly is null)
        {
            Assert.Ignore("Needs a local plotly.js (dotnet run --project lib/NetCourse.Course -- plotly); .ci/run fetches it.");
        }

        ChartSettings.Source = PlotlySource.Inline;
        ChartSettings.PlotlyLocation = plotly;

        var dom = await RenderAsync(token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Regex.Count(dom, "class=\"main-svg\""), Is.GreaterThanOrEqualTo(2), "plotly drew its SVG for both charts");
            Assert.That(dom, Does.Not.Contain("class=\"netcourse-chart\""), "plotly removed the static drawings");
            Assert.That(dom, Does.Contain(">Connect time histogram<").And.Contain(">Connect time CDF<"), "both titles are drawn");
            Assert.That(BarPath().Count(dom), Is.GreaterThan(5), "the histogram has bars");
            Assert.That(Regex.Count(dom, "class=\"js-line\""), Is.GreaterThanOrEqualTo(2), "the CDF has a line per sample");
        }
    }

    private static void RequireChromium()
    {
        if (HeadlessChromium.Find() is null)
        {
            Assert.Ignore("Needs Chromium (apt-get install chromium); .ci/run installs it.");
        }
    }

    private static async Task<string> RenderAsync(CancellationToken token)
    {
        var page = Path.Combine(Path.GetTempPath(), $"netcourse-charts-{Guid.NewGuid():N}.html");
        await File.WriteAllTextAsync(page,
            "<html><body>" + PlotlyChartHtml.Render(TimingSample.Histogram("Connect time histogram", Fast)) +
            PlotlyChartHtml.Render(TimingSample.Cdf("Connect time CDF", Fast, Slow)) + "</body></html>", token);
        try
        {
            return await HeadlessChromium.DumpDomAsync(page, TimeSpan.FromSeconds(150), token);
        }
        finally
        {
            File.Delete(page);
        }
    }

    [GeneratedRegex("<g class=\"point\"><path")]
    private static partial Regex BarPath();
}
