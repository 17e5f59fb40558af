using NetCourse.Course.Grading;
using NetCourse.Course.Notebooks;

namespace NetCourse.Notebooks.Tests.Grading;

/// <summary>The release of every lesson leaks no solution line and no hidden case; the leak check finds both when they are there.</summary>
public class ReleaseLeakTests
{
    private static readonly string Hidden = Path.Combine(CourseNotebooks.Paths.Notebooks, "hidden");

    private static IEnumerable<TestCaseData> Lessons() =>
        Directory.EnumerateFiles(CourseNotebooks.Paths.Notebooks, "*.ipynb")
            .Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(Path.GetFileName(path)).SetArgDisplayNames(Path.GetFileName(path)));

    [TestCaseSource(nameof(Lessons))]
    public void Release_Leaks_Nothing(string file)
    {
        var instructor = Load(file);
        Assert.That(ReleaseValidator.Leaks(instructor, StudentRelease.Make(instructor), Hidden), Is.Empty);
    }

    [Test]
    public void A_Hidden_Case_Copied_Into_A_Check_Cell_Is_Found()
    {
        var instructor = Load("06-ip-addresses.ipynb");
        var release = StudentRelease.Make(instructor);
        release.CodeCells.First(c => c.Role == "check" && c.Exercise == "06.2").Source += "\n// (\"10.1.1.200/27\", \"10.1.1.223\")";

        Assert.That(ReleaseValidator.Leaks(instructor, release, Hidden), Has.One.Contains("check cell of 06.2 holds a hidden case (\"10.1.1.200/27\", \"10.1.1.223\")"));
    }

    private static Notebook Load(string file) => Notebook.Load(Path.Combine(CourseNotebooks.Paths.Notebooks, file));
}
