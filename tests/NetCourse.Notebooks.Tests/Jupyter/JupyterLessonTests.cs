using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NetCourse.Course;
using NetCourse.Course.Notebooks;
using NetCourse.Course.Running;

namespace NetCourse.Notebooks.Tests.Jupyter;

/// <summary>
/// Every lesson executes under Jupyter: Debian's <c>jupyter nbconvert --execute</c> (python3-nbclient) with the .NET kernel
/// registered by <c>dotnet-interactive jupyter install</c> in a private folder; then the executed lesson, converted with
/// <c>nbconvert --to html</c> and opened offline in headless Chromium, shows every chart drawn. Ignored where nbconvert
/// or Chromium is absent (.ci/run installs both).
/// </summary>
[Category("Slow"), Category("Jupyter")]
public partial class JupyterLessonTests
{
    private readonly ConcurrentDictionary<string, Lazy<Task<LessonRunResult>>> _runs = new();
    private JupyterLessonRunner? _runner;
    private string _output = "";

    private static IEnumerable<TestCaseData> Lessons() =>
        CourseNotebooks.Paths.Lessons.Select(path => new TestCaseData(Path.GetFileName(path)).SetArgDisplayNames(Path.GetFileName(path)));

    [OneTimeSetUp]
    public async Task RegisterKernel()
    {
        var reason = await JupyterLessonRunner.WhyUnavailableAsync();
        if (reason is not null)
        {
            Assert.Ignore(reason);
        }

        await CoursePreparation.EnsureReadyAsync(CourseNotebooks.Paths);
        _runner = await JupyterLessonRunner.StartAsync(CourseNotebooks.Paths);
        _output = Path.Combine(CourseNotebooks.Paths.Artifacts, "test-executed-jupyter");
    }

    [OneTimeTearDown]
    public void RemoveKernel() => _runner?.Dispose();

    [TestCaseSource(nameof(Lessons))]
    [CancelAfter(600_000)]
    public async Task Lesson_Executes_Under_Nbconvert_Without_Errors(string file, CancellationToken cancellationToken)
    {
        var notebook = Path.Combine(CourseNotebooks.Paths.Notebooks, file);

        var result = await ExecuteAsync(file).WaitAsync(cancellationToken);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Succeeded, Is.True, result.Failure);
            Assert.That(result.Cells, Is.EqualTo(Notebook.Load(notebook).CodeCells.Count()), "every code cell executed");
        }
    }

    [TestCaseSource(nameof(Lessons)), Category("Browser")]
    [CancelAfter(900_000)]
    public async Task Every_Chart_Is_Drawn_In_The_Nbconvert_Page_Opened_Offline(string file, CancellationToken cancellationToken)
    {
        if (HeadlessChromium.Find() is null)
        {
            Assert.Ignore("Needs Chromium (apt-get install chromium); .ci/run installs it.");
        }

        var run = await ExecuteAsync(file).WaitAsync(cancellationToken);
        Assert.That(run.Succeeded, Is.True, run.Failure);
        var executed = Path.Combine(_output, file);
        var charts = ChartsIn(Notebook.Load(executed));
        var page = await JupyterLessonRunner.ConvertToHtmlAsync(executed, Path.Combine(_output, "html"), TimeSpan.FromMinutes(2), cancellationToken);

        var dom = await HeadlessChromium.DumpDomAsync(page, TimeSpan.FromMinutes(2), cancellationToken);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dom, Does.Contain("</body>"), "Chromium rendered the page");
            Assert.That(dom, Does.Not.Contain("class=\"main-svg\""), "plotly.js could not load offline (NETCOURSE_PLOTLY must not be inline for this test)");
            Assert.That(ChartDiv().Count(dom), Is.EqualTo(charts.Count), "every chart output is on the page");
            foreach (var chart in charts)
            {
                var svg = DrawingIn(dom, chart.Id);
                Assert.That(svg, Is.Not.Null, $"{file}: chart '{chart.Title}' holds a drawing, not an empty div");
                if (svg is null)
                {
                    continue;
                }

                Assert.That(Texts(svg, "title"), Is.EqualTo(new[] { chart.Title }), $"{file}: the drawing's title");
                Assert.That(Texts(svg, "axis-title"), Is.EqualTo(new[] { chart.XTitle, chart.YTitle }), $"{file}: '{chart.Title}' axis titles");
                Assert.That(Texts(svg, "tick"), Has.Count.GreaterThanOrEqualTo(4), $"{file}: '{chart.Title}' has tick labels on its axes");
                var series = SeriesGroup().Matches(svg).Select(m => m.Groups[1].Value).ToList();
                Assert.That(series, Has.Count.EqualTo(chart.Traces), $"{file}: '{chart.Title}' has one mark group per trace");
                Assert.That(series, Has.All.Match("<(rect|polyline|circle) "), $"{file}: '{chart.Title}': every series has marks");
                Assert.That(svg, chart.Legend > 1 ? Does.Contain("<g class=\"legend\">") : Does.Not.Contain("<g class=\"legend\">"), $"{file}: '{chart.Title}' legend");
            }
        }
    }

    [Test]
    public void Installed_Kernel_Is_The_One_The_Notebooks_Ask_For()
    {
        var folder = Directory.CreateTempSubdirectory("netcourse-kernelspec-");
        try
        {
            var kernel = JupyterKernelSpec.InstallAsync(CourseNotebooks.Paths, folder.FullName).GetAwaiter().GetResult();
            var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(kernel, "kernel.json")))!;
            var asked = (string?)Notebook.Load(Path.Combine(CourseNotebooks.Paths.Notebooks, "00-start-here.ipynb")).Json["metadata"]?["kernelspec"]?["name"];

            using (Assert.EnterMultipleScope())
            {
                Assert.That(Path.GetFileName(kernel), Is.EqualTo(asked));
                Assert.That((string?)spec["language"], Is.EqualTo("C#"));
                Assert.That(spec["argv"]!.AsArray().Select(a => (string?)a), Does.Contain("--http-local-only").And.Contain("{connection_file}"));
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private Task<LessonRunResult> ExecuteAsync(string file) =>
        _runs.GetOrAdd(file, f => new(() => _runner!.RunAsync(Path.Combine(CourseNotebooks.Paths.Notebooks, f), _output, TimeSpan.FromSeconds(120), TimeSpan.FromMinutes(9)))).Value;

    /// <summary>The charts among the notebook's outputs, read from the plotly script each one carries (not from the drawing).</summary>
    private static List<ChartOutput> ChartsIn(Notebook notebook) =>
        [.. notebook.CodeCells
            .SelectMany(c => c.Json["outputs"]?.AsArray() ?? [])
            .Select(o => o?["data"]?["text/html"] is JsonNode html ? string.Concat(html is JsonArray lines ? lines.Select(l => (string?)l) : [(string?)html]) : null)
            .Where(html => html is not null && html.Contains("Plotly.newPlot(", StringComparison.Ordinal))
            .Select(html =>
            {
                var data = JsonNode.Parse(Declaration().Matches(html!).Single(m => m.Groups[1].Value == "data").Groups[2].Value)!.AsArray();
                var layout = JsonNode.Parse(Declaration().Matches(html!).Single(m => m.Groups[1].Value == "layout").Groups[2].Value)!;
                return new ChartOutput(
                    ChartDiv().Match(html!).Groups[1].Value,
                    (string?)layout["title"] ?? "",
                    (string?)layout["xaxis"]?["title"] ?? "",
                    (string?)layout["yaxis"]?["title"] ?? "",
                    data.Count,
                    data.Count(t => (bool?)t?["showlegend"] != false));
            })];

    /// <summary>The SVG inside the chart's div in the rendered page, or null when the div holds none.</summary>
    private static string? DrawingIn(string dom, string id)
    {
        var div = dom.IndexOf($"<div id=\"{id}\"", StringComparison.Ordinal);
        var svg = div < 0 ? -1 : dom.IndexOf("<svg", div, StringComparison.Ordinal);
        var end = svg < 0 ? -1 : dom.IndexOf("</svg>", svg, StringComparison.Ordinal);
        return end < 0 || dom[div..svg].Contains("</div>", StringComparison.Ordinal) ? null : dom[svg..end];
    }

    private static List<string> Texts(string svg, string cls) =>
        [.. Regex.Matches(svg, $"<text class=\"{cls}\"[^>]*>([^<]*)</text>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    [GeneratedRegex(@"var (data|layout) = (.*);\s*$", RegexOptions.Multiline)]
    private static partial Regex Declaration();

    [GeneratedRegex("<div id=\"([0-9a-f]{8}-[0-9a-f-]{27})\"")]
    private static partial Regex ChartDiv();

    [GeneratedRegex("<g class=\"series\"[^>]*>(.*?)</g>", RegexOptions.Singleline)]
    private static partial Regex SeriesGroup();

    private sealed record ChartOutput(string Id, string Title, string XTitle, string YTitle, int Traces, int Legend);
}
