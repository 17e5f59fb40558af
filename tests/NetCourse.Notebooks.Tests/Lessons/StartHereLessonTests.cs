using NetCourse.Course.Running;

namespace NetCourse.Notebooks.Tests.Lessons;

/// <summary>Lesson 00 run twice in one kernel, like the other lessons (it runs its own fixture: it has no graded exercise).</summary>
[Category("Slow"), Category("Lessons")]
public class StartHereLessonTests
{
    private NotebookRun _run = null!;

    [OneTimeSetUp]
    public async Task RunLesson() => _run = await CourseNotebooks.RunAsync("00-start-here.ipynb", passes: 2, values: new Dictionary<string, IReadOnlyList<string>> { ["environment-check"] = ["report"] });

    [Test]
    public void Runs_Twice_In_One_Kernel_Without_Errors() => Assert.That(_run.Succeeded, Is.True, _run.FailureMessage);

    [Test]
    public void Setup_Cell_Prints_One_Line_With_The_Library_Version()
    {
        var version = typeof(NetCourse.CourseDisplay).Assembly.GetName().Version!;

        Assert.That(_run.CodeCell(1).StandardOutput.TrimEnd(), Is.EqualTo($"NetCourse {version.Major}.{version.Minor} loaded"));
    }

    [Test]
    public void Environment_Check_Reports_Every_Check()
    {
        var report = _run.CellRun("environment-check").Values["report"];
        var checks = report?["Results"]?.AsArray().Select(r => (string?)r?["Check"]).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(checks, Is.EqualTo(new[] { ".NET runtime", ".NET SDK", "notebook kernel", "loopback IPv4 (127.0.0.1)", "loopback IPv6 (::1)", "free port (bind to port 0)", "packet capture" }), report?.ToJsonString());
            Assert.That(_run.Cell("environment-check").ReturnValue?["text/html"], Does.StartWith("<table"), "the report renders as a table");
        }
    }

    [Test]
    public void Machine_Is_Reported_Ready() =>
        Assert.That(_run.Cell("ready-sentence").ReturnValue?.PlainText, Is.EqualTo("Ready: go on to lesson 01."));
}
