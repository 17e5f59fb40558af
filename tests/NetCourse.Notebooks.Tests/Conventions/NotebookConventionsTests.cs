using System.Text.RegularExpressions;
using NetCourse.Course.Notebooks;

namespace NetCourse.Notebooks.Tests.Conventions;

/// <summary>Static checks of every lesson file: names, Polyglot metadata, setup cell, no saved outputs, working links.</summary>
public partial class NotebookConventionsTests
{
    private static IEnumerable<TestCaseData> Notebooks() =>
        Directory.EnumerateFiles(CourseNotebooks.Paths.Notebooks, "*.ipynb")
            .Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(Path.GetFileName(path)).SetArgDisplayNames(Path.GetFileName(path)));

    [TestCaseSource(nameof(Notebooks))]
    public void File_Name_Is_Numbered_Kebab_Case(string file) =>
        Assert.That(file, Does.Match("^[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*\\.ipynb$"));

    [TestCaseSource(nameof(Notebooks))]
    public void Opens_In_VS_Code_With_The_CSharp_Kernel(string file)
    {
        var notebook = Load(file);
        var metadata = notebook.Json["metadata"];

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int?)notebook.Json["nbformat"], Is.EqualTo(4));
            Assert.That((string?)metadata?["kernelspec"]?["name"], Is.EqualTo(".net-csharp"));
            Assert.That((string?)metadata?["kernelspec"]?["language"], Is.EqualTo("C#"));
            Assert.That((string?)metadata?["language_info"]?["name"], Is.EqualTo("polyglot-notebook"));
            Assert.That(metadata?["polyglot_notebook"]?["kernelInfo"]?["items"]?.AsArray().Select(i => (string?)i?["name"]), Does.Contain("csharp"));
            Assert.That((string?)metadata?["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"], Is.EqualTo("csharp"));
            foreach (var cell in notebook.CodeCells)
            {
                Assert.That((string?)cell.Json["metadata"]?["polyglot_notebook"]?["kernelName"], Is.EqualTo("csharp"), $"code cell at index {cell.Index}");
            }
        }
    }

    [TestCaseSource(nameof(Notebooks))]
    public void Is_Saved_Without_Outputs(string file)
    {
        foreach (var cell in Load(file).CodeCells)
        {
            Assert.That(cell.Json["outputs"]?.AsArray(), Is.Empty, $"cell at index {cell.Index} has saved outputs");
        }
    }

    [TestCaseSource(nameof(Notebooks))]
    public void First_Code_Cell_Is_The_Course_Setup_Cell(string file)
    {
        var setup = Load("00-start-here.ipynb").CodeCells.First();
        var first = Load(file).CodeCells.First();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Role, Is.EqualTo("setup"));
            Assert.That(first.Source, Is.EqualTo(setup.Source), "every lesson's setup cell is the same as 00-start-here's");
            Assert.That(first.Source.TrimEnd().Split('\n'), Has.Length.LessThanOrEqualTo(3), "the setup cell is at most three short lines");
            Assert.That(first.Source, Does.Contain("#load \"../lib/netcourse.csx\""), "the setup cell loads the course's setup script");
        }
    }

    [TestCaseSource(nameof(Notebooks))]
    public void Relative_Links_Point_At_Existing_Lessons(string file)
    {
        var links = Load(file).Cells.Where(c => c.Kind == "markdown")
            .SelectMany(c => NotebookLink().Matches(c.Source).Select(m => m.Groups["target"].Value));

        foreach (var link in links)
        {
            Assert.That(File.Exists(Path.Combine(CourseNotebooks.Paths.Notebooks, link)), Is.True, $"{file} links to {link}");
        }
    }

    [TestCaseSource(nameof(Notebooks))]
    public void Holds_No_Machine_Specific_Paths(string file)
    {
        var text = File.ReadAllText(Path.Combine(CourseNotebooks.Paths.Notebooks, file));

        Assert.That(text, Does.Not.Match(@"/root/|/home/[a-z]|/work/|[A-Z]:\\\\Users"));
    }

    [Test]
    public void Every_Syllabus_Lesson_Exists()
    {
        var lessons = CourseNotebooks.Paths.Lessons.Select(Path.GetFileName).ToList();

        Assert.That(lessons, Has.Count.GreaterThanOrEqualTo(15), string.Join(", ", lessons));
    }

    private static Notebook Load(string file) => Notebook.Load(Path.Combine(CourseNotebooks.Paths.Notebooks, file));

    [GeneratedRegex(@"\]\((?<target>[0-9]{2}-[^)#\s]+\.ipynb)")]
    private static partial Regex NotebookLink();
}
