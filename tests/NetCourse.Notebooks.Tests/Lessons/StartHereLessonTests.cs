using NetCourse.Course.Running;

namespace NetCourse.Notebooks.Tests.Lessons;

public class StartHereLessonTests
{
    private NotebookRun _run = null!;

    [OneTimeSetUp]
    public async Task RunLesson() => _run = await CourseNotebooks.RunAsync("00-start-here.ipynb", passes: 2);

    [Test]
    public void Runs_Twice_In_One_Kernel_Without_Errors() => Assert.That(_run.Succeeded, Is.True, _run.FailureMessage);

    [Test]
    public void Setup_Cell_Prints_One_Line_With_The_Library_Version()
    {
        var version = typeof(NetCourse.CourseDisplay).Assembly.GetName().Version!;

        Assert.That(_run.CodeCell(1).StandardOutput.TrimEnd(), Is.EqualTo($"NetCourse {version.Major}.{version.Minor} loaded"));
    }

    [Test]
    public void Environment_Check_Renders_A_Table_Of_Every_Check()
    {
        var html = _run.CellContaining("EnvironmentCheck.RunAsync()").ReturnValue?["text/html"];

        Assert.That(html, Does.StartWith("<table").And.Contain("loopback IPv4 (127.0.0.1)").And.Contain("loopback IPv6 (::1)")
            .And.Contain(".NET Interactive").And.Contain("free port").And.Contain("packet capture"));
    }

    [Test]
    public void Machine_Is_Reported_Ready() =>
        Assert.That(_run.CellContaining("report.Ready").ReturnValue?.PlainText, Is.EqualTo("Ready: go on to lesson 01."));
}
