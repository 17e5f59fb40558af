using NetCourse.Course;
using NetCourse.Course.Notebooks;
using NetCourse.Course.Running;
using NetCourse.Notebooks.Tests.Fixtures;

namespace NetCourse.Notebooks.Tests.Repl;

/// <summary>
/// Every lesson executes under dotnet-repl 0.3.259 (the course's pinned terminal host of .NET Interactive, which carries
/// an older Microsoft.AspNetCore.Html.Abstractions than the kernel), and a lesson that blocks is stopped at its deadline.
/// </summary>
[Category("Slow"), Category("Repl")]
public class ReplLessonTests
{
    private readonly string _output = Path.Combine(CourseNotebooks.Paths.Artifacts, "test-executed-repl");

    private static IEnumerable<TestCaseData> Lessons() =>
        CourseNotebooks.Paths.Lessons.Select(path => new TestCaseData(Path.GetFileName(path)).SetArgDisplayNames(Path.GetFileName(path)));

    [OneTimeSetUp]
    public Task Prepare() => CoursePreparation.EnsureReadyAsync(CourseNotebooks.Paths);

    [TestCaseSource(nameof(Lessons))]
    [CancelAfter(600_000)]
    public async Task Lesson_Executes_Under_Dotnet_Repl_Without_Errors(string file, CancellationToken cancellationToken)
    {
        var notebook = Path.Combine(CourseNotebooks.Paths.Notebooks, file);

        var result = await ReplLessonRunner.RunAsync(CourseNotebooks.Paths, notebook, _output, TimeSpan.FromMinutes(9), cancellationToken);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Succeeded, Is.True, result.Failure);
            Assert.That(result.Cells, Is.EqualTo(Notebook.Load(notebook).CodeCells.Count()), "every code cell executed");
        }
    }

    [TestCase("hanging.ipynb", 40, "did not finish within 40 s", "no per-cell timeout")]
    [TestCase("broken.ipynb", 120, "has an error", "deliberate failure in cell 3")]
    [CancelAfter(240_000)]
    public async Task A_Lesson_That_Blocks_Or_Throws_Fails_Saying_Why_And_Leaves_No_Process(
        string fixture, int deadlineSeconds, string reason, string detail, CancellationToken cancellationToken)
    {
        var deadline = TimeSpan.FromSeconds(deadlineSeconds);

        var (result, left) = await RunFixtureAsync(Path.Combine(FixtureNotebooks.Folder, fixture), deadline, cancellationToken);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Failure, Does.Contain(reason).And.Contain(detail));
            Assert.That(result.Elapsed, Is.LessThan(deadline + TimeSpan.FromSeconds(30)));
            Assert.That(left, Is.Empty, "dotnet-repl and its children have ended");
        }
    }

    // Runs a fixture into a fresh output folder; returns the result and the processes (Linux) still naming that folder.
    private static async Task<(LessonRunResult Result, List<int> Left)> RunFixtureAsync(string notebook, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var output = Directory.CreateTempSubdirectory("netcourse-repl-fixture-");
        try
        {
            var result = await ReplLessonRunner.RunAsync(CourseNotebooks.Paths, notebook, output.FullName, timeout, cancellationToken);
            return (result, OperatingSystem.IsLinux() ? ProcessesMentioning(output.FullName) : []);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    // Linux: the processes whose command line holds the text (the runner passes the output path to dotnet-repl).
    private static List<int> ProcessesMentioning(string text) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(d => (Pid: int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0, Dir: d))
            .Where(p => p.Pid > 0 && CommandLineOf(p.Dir).Contains(text, StringComparison.Ordinal))
            .Select(p => p.Pid)];

    private static string CommandLineOf(string procDir)
    {
        try
        {
            return File.ReadAllText(Path.Combine(procDir, "cmdline")).Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}
