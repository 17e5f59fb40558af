using System.Text.RegularExpressions;
using NetCourse.Course.Notebooks;

namespace NetCourse.Notebooks.Tests.Conventions;

/// <summary>Every cell id a lesson test names (<c>Value("id")</c>, <c>Shown</c>, <c>Json</c>, <c>Cell</c>, <c>CellRun</c>) is the id of exactly one cell of that lesson.</summary>
public partial class LessonCellIdTests
{
    private static IEnumerable<TestCaseData> LessonTestFiles() =>
        Directory.EnumerateFiles(Path.Combine(CourseNotebooks.Paths.Root, "tests", "NetCourse.Notebooks.Tests", "Lessons"), "*.cs")
            .Where(path => Path.GetFileName(path) != "LessonFixture.cs")
            .Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(path).SetArgDisplayNames(Path.GetFileName(path)));

    [TestCaseSource(nameof(LessonTestFiles))]
    public void Each_Cell_Id_A_Lesson_Test_Uses_Names_Exactly_One_Code_Cell(string path)
    {
        var source = File.ReadAllText(path);
        var classes = TestClass().Matches(source).Select(m => (m.Index, Lesson: m.Groups["lesson"].Success ? m.Groups["lesson"].Value : null)).ToList();
        var uses = CellId().Matches(source)
            .Select(m => (Id: m.Groups["id"].Value, Lesson: classes.LastOrDefault(c => c.Index < m.Index).Lesson ?? StartHere(source, m.Index)))
            .Where(u => u.Lesson is not null)
            .Distinct()
            .ToList();

        Assert.That(uses, Is.Not.Empty, "a lesson test file names the cells it reads by id");
        using (Assert.EnterMultipleScope())
        {
            foreach (var (id, lesson) in uses)
            {
                var notebook = Notebook.Load(Path.Combine(CourseNotebooks.Paths.Notebooks, lesson!));
                Assert.That(notebook.CodeCells.Count(c => c.Id == id), Is.EqualTo(1), $"{lesson}: code cells with id '{id}'");
            }
        }
    }

    // StartHereLessonTests runs its lesson itself.
    private static string? StartHere(string source, int index) =>
        source.LastIndexOf("CourseNotebooks.RunAsync(\"", index, StringComparison.Ordinal) is var at and >= 0
            ? source[(at + 26)..source.IndexOf('"', at + 26)]
            : null;

    [GeneratedRegex("""public class \w+(\(\) : LessonFixture\("(?<lesson>[^"]+)")?""")]
    private static partial Regex TestClass();

    [GeneratedRegex("""\b(Value|Shown|Json|Cell|CellRun)\("(?<id>[a-z0-9-]+)"[,)]""")]
    private static partial Regex CellId();
}
