using NetCourse.Course;
using NetCourse.Course.Export;
using NetCourse.Course.Running;

namespace NetCourse.Notebooks.Tests.Export;

/// <summary>Every exported lesson runs as a .NET 10 file-based app (<c>dotnet run notebooks/run/NN-topic.cs</c>) and exits 0.</summary>
[Category("Slow")]
public class ExportedLessonRunTests
{
    private static IEnumerable<TestCaseData> Lessons() =>
        CourseNotebooks.Paths.Lessons.Select(path => new TestCaseData(Path.GetFileName(path)).SetArgDisplayNames(Path.GetFileName(path)));

    [TestCaseSource(nameof(Lessons))]
    [CancelAfter(360_000)]
    public async Task Exported_Lesson_Runs_With_Dotnet_Run_And_Exits_0(string file, CancellationToken cancellationToken)
    {
        await CoursePreparation.EnsureReadyAsync(CourseNotebooks.Paths, cancellationToken);
        var target = LessonExporter.TargetPath(Path.Combine(CourseNotebooks.Paths.Notebooks, file));

        var result = await FileLessonRunner.RunAsync(CourseNotebooks.Paths, target, TimeSpan.FromMinutes(5), cancellationToken);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Succeeded, Is.True, result.Failure);
            Assert.That(result.Output, Does.Not.Contain("Unhandled exception"));
            Assert.That(result.Output.Trim(), Is.Not.Empty, "a lesson shows at least one result");
        }
    }

    [Test]
    [CancelAfter(360_000)]
    public async Task Start_Here_Prints_The_Environment_Table_As_Text(CancellationToken cancellationToken)
    {
        await CoursePreparation.EnsureReadyAsync(CourseNotebooks.Paths, cancellationToken);
        var target = LessonExporter.TargetPath(Path.Combine(CourseNotebooks.Paths.Notebooks, "00-start-here.ipynb"));

        var result = await FileLessonRunner.RunAsync(CourseNotebooks.Paths, target, TimeSpan.FromMinutes(5), cancellationToken);

        Assert.That(result.Output, Does.Contain("loopback IPv4 (127.0.0.1)").And.Contain("Ready: go on to lesson 01."), result.Failure);
    }
}
