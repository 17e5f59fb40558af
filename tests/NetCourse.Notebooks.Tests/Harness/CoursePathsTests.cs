using NetCourse.Course;

namespace NetCourse.Notebooks.Tests.Harness;

public class CoursePathsTests
{
    private static readonly CoursePaths Paths = CourseNotebooks.Paths;

    [TestCase("06")]
    [TestCase("06-ip")]
    [TestCase("06-ip-addresses.ipynb")]
    public void A_Lesson_Is_Found_By_Its_Number_Or_The_Start_Of_Its_Name(string argument) =>
        Assert.That(CoursePaths.Select(Paths.Notebooks, [argument]).Single(), Is.EqualTo(Path.Combine(Paths.Notebooks, "06-ip-addresses.ipynb")));

    [Test]
    public void A_File_Is_Taken_As_It_Is()
    {
        var file = Path.Combine(Paths.Notebooks, "run", "06-ip-addresses.cs");

        Assert.That(CoursePaths.Select(Paths.Notebooks, [Path.GetRelativePath(Environment.CurrentDirectory, file)]).Single(), Is.EqualTo(file));
    }

    [Test]
    public void No_Name_Selects_Every_Lesson_In_Order()
    {
        var names = CoursePaths.Select(Paths.Notebooks, []).Select(Path.GetFileName).ToList();

        Assert.That(names, Has.Count.EqualTo(20).And.Ordered.And.Not.Contains("hidden"));
        Assert.That(names[0], Is.EqualTo("00-start-here.ipynb"));
    }

    [Test]
    public void A_Name_That_Matches_Nothing_Is_Rejected_By_Name() =>
        Assert.That(() => CoursePaths.Select(Paths.Notebooks, ["99"]), Throws.ArgumentException.With.Message.Contains("'99' is neither a file nor a lesson"));

    [Test]
    public void A_Name_That_Matches_Several_Lessons_Lists_Them() =>
        Assert.That(() => CoursePaths.Select(Paths.Notebooks, ["1"]), Throws.ArgumentException.With.Message.Contains("'1' matches 10 lessons: 10-socket-types.ipynb, 11-tcp-server.ipynb"));
}
