using NetCourse.Course;
using NetCourse.Course.Grading;
using NetCourse.Course.Running;

namespace NetCourse.Notebooks.Tests.Grading;

/// <summary>The release is a course folder a learner can open and run: student notebooks, the library beside them, no hidden cases.</summary>
public class StudentReleaseTests
{
    private static readonly string[] Lessons = ["00-start-here.ipynb", "10-socket-types.ipynb"];
    private DirectoryInfo _release = null!;
    private List<string> _files = null!;

    [OneTimeSetUp]
    public void Release()
    {
        _release = Directory.CreateTempSubdirectory("netcourse-release-");
        StudentRelease.WriteCourse(CourseNotebooks.Paths, Lessons.Select(l => Path.Combine(CourseNotebooks.Paths.Notebooks, l)), _release.FullName);
        _files = [.. Directory.EnumerateFiles(_release.FullName, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_release.FullName, f).Replace('\\', '/'))];
    }

    [OneTimeTearDown]
    public void Clean() => _release.Delete(recursive: true);

    [Test]
    public void It_Holds_The_Notebooks_The_Library_Sources_And_Their_Build_Settings_But_No_Hidden_Cases_Or_Build_Output()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_files, Is.SupersetOf(new[]
            {
                "README.md", "global.json", "Directory.Build.props", "Directory.Packages.props", ".editorconfig",
                "notebooks/00-start-here.ipynb", "notebooks/10-socket-types.ipynb",
                "notebooks/run/00-start-here.cs", "notebooks/run/10-socket-types.cs", "notebooks/run/Directory.Build.props",
                "lib/netcourse.csx", "lib/NetCourse/NetCourse.csproj", "lib/NetCourse/Servers/TcpServer.cs", "lib/NetCourse/Grading/Grader.cs",
            }));
            Assert.That(_files.Count(f => f.StartsWith("notebooks/", StringComparison.Ordinal)), Is.EqualTo(5));
            Assert.That(_files, Has.None.Contains("hidden").And.None.Contains("/bin/").And.None.Contains("/obj/").And.None.Contains("NetCourse.Course"));
        }
    }

    [Test]
    public void It_Carries_The_Recorded_Captures_That_Capture_Cells_Show_Without_Tcpdump() =>
        Assert.That(_files, Is.SupersetOf(new[] { "lib/NetCourse/Capture/Recorded/hello.pcap", "lib/NetCourse/Capture/Recorded/timing.pcap" }));

    [Test]
    public void The_Exported_Lessons_Are_Student_Versions_Headed_For_Learners()
    {
        var export = File.ReadAllText(Path.Combine(_release.FullName, "notebooks", "run", "10-socket-types.cs"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(export, Does.Contain("throw new NotImplementedException(").And.Not.Contain("\"SOCK_STREAM\" => SocketType.Stream"));
            Assert.That(export, Does.StartWith("// 10-socket-types — the lesson notebooks/10-socket-types.ipynb as a program. Write your answers").And.Not.Contain("Do not edit"));
        }
    }

    [Test, Category("Slow"), CancelAfter(300_000)]
    public async Task A_Released_Export_Runs_From_The_Course_Folder(CancellationToken token)
    {
        var result = await FileLessonRunner.RunAsync(new CoursePaths(_release.FullName), Path.Combine(_release.FullName, "notebooks", "run", "10-socket-types.cs"), cancellationToken: token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Succeeded, Is.True, result.Failure);
            Assert.That(result.Output, Does.Contain("practice: 0 of 5 cases passed; hidden cases run at grading").And.Contain("not implemented yet"));
        }
    }

    [Test, Category("Slow"), CancelAfter(300_000)]
    public async Task A_Released_Lesson_Builds_The_Copied_Library_And_Runs_With_Its_Exercise_Unsolved(CancellationToken token)
    {
        var run = await CourseNotebooks.RunFileAsync(
            Path.Combine(_release.FullName, "notebooks", "10-socket-types.ipynb"),
            new RunOptions { CellTimeout = TimeSpan.FromMinutes(3) },
            token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Succeeded, Is.True, run.FailureMessage);
            Assert.That(File.Exists(Path.Combine(_release.FullName, "lib", "NetCourse", "bin", "Release", "net10.0", "NetCourse.dll")), Is.True, "the setup cell built the release's own library");
            Assert.That(run.CodeCell(1).StandardOutput, Does.StartWith("building the course library (first time: about ").And.Match(@"\nNetCourse \d+\.\d+ loaded, built in \d+ s\n?$"));
            Assert.That(run.CellContaining("Grader.Check").ReturnValue?.PlainText, Does.Contain("practice: 0 of 5 cases passed; hidden cases run at grading").And.Contain("not implemented yet"));
        }
    }
}
