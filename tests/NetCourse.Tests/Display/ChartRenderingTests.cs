using System.Diagnostics;
using System.Text.RegularExpressions;

namespace NetCourse.Tests.Display;

/// <summary>
/// The course's charts drawn by plotly.js inlined from the local copy, in headless Chromium with no network: the page
/// must end up with plotly's SVG (titles, histogram bars, CDF lines), not an empty div.
/// </summary>
[Category("Browser"), NonParallelizable] // chart settings are process-wide
public partial class ChartRenderingTests
{
    [TearDown]
    public void Reset()
    {
        ChartSettings.Source = PlotlySource.Cdn;
        ChartSettings.PlotlyLocation = null;
    }

    [Test, CancelAfter(120_000)]
    public async Task Histogram_And_Cdf_Are_Drawn_Offline_In_Headless_Chromium(CancellationToken token)
    {
        var chromium = new[] { "chromium", "chromium-browser", "google-chrome" }.Select(Programs.Find).FirstOrDefault(path => path is not null);
        var plotly = PlotlyFiles.FindLocalCopy();
        if (chromium is null || plotly is null)
        {
            Assert.Ignore($"Needs Chromium ({chromium ?? "apt-get install chromium"}) and a local plotly.js ({plotly ?? "dotnet run --project lib/NetCourse.Course -- plotly"}); .ci/run installs both.");
        }

        ChartSettings.Source = PlotlySource.Inline;
        ChartSettings.PlotlyLocation = plotly;
        var fast = new TimingSample("fast", Enumerable.Range(0, 500).Select(i => 10 + (i % 37) * 0.5));
        var slow = new TimingSample("slow", Enumerable.Range(0, 500).Select(i => 30 + (i % 53) * 1.5));
        var page = Path.Combine(Path.GetTempPath(), $"netcourse-charts-{Guid.NewGuid():N}.html");
        await File.WriteAllTextAsync(page,
            "<html><body>" + PlotlyChartHtml.Render(TimingSample.Histogram("Connect time histogram", fast)) +
            PlotlyChartHtml.Render(TimingSample.Cdf("Connect time CDF", fast, slow)) + "</body></html>", token);
        try
        {
            var dom = await DumpDomAsync(chromium!, page, token);

            using (Assert.EnterMultipleScope())
            {
                Assert.That(Regex.Count(dom, "class=\"main-svg\""), Is.GreaterThanOrEqualTo(2), "plotly drew its SVG for both charts");
                Assert.That(dom, Does.Contain(">Connect time histogram<").And.Contain(">Connect time CDF<"), "both titles are drawn");
                Assert.That(BarPath().Count(dom), Is.GreaterThan(5), "the histogram has bars");
                Assert.That(Regex.Count(dom, "class=\"js-line\""), Is.GreaterThanOrEqualTo(2), "the CDF has a line per sample");
            }
        }
        finally
        {
            File.Delete(page);
        }
    }

    private static async Task<string> DumpDomAsync(string chromium, string page, CancellationToken token)
    {
        var start = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--virtual-time-budget=10000", "--dump-dom", new Uri(page).AbsoluteUri })
        {
            start.ArgumentList.Add(argument);
        }

        using var browser = Process.Start(start)!;
        var stderr = browser.StandardError.ReadToEndAsync(token);
        try
        {
            var dom = await browser.StandardOutput.ReadToEndAsync(token).WaitAsync(TimeSpan.FromSeconds(90), token);
            await browser.WaitForExitAsync(token);
            return dom.Length > 0 ? dom : throw new InvalidOperationException($"Chromium printed no DOM: {await stderr}");
        }
        finally
        {
            if (!browser.HasExited)
            {
                browser.Kill(entireProcessTree: true);
            }
        }
    }

    [GeneratedRegex("<g class=\"point\"><path")]
    private static partial Regex BarPath();
}
