using System.Text.Json.Nodes;
using NetCourse.Course;
using NetCourse.Course.Notebooks;
using NetCourse.Course.Running;

namespace NetCourse.Notebooks.Tests.Jupyter;

/// <summary>
/// Every lesson executes under Jupyter: Debian's <c>jupyter nbconvert --execute</c> (python3-nbclient) with the .NET kernel
/// registered by <c>dotnet-interactive jupyter install</c> in a private folder. Ignored where nbconvert is absent (.ci/run installs it).
/// </summary>
[Category("Slow"), Category("Jupyter")]
public class JupyterLessonTests
{
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

        var result = await _runner!.RunAsync(notebook, _output, TimeSpan.FromSeconds(120), TimeSpan.FromMinutes(9), cancellationToken);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Succeeded, Is.True, result.Failure);
            Assert.That(result.Cells, Is.EqualTo(Notebook.Load(notebook).CodeCells.Count()), "every code cell executed");
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
}
