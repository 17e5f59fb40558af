using NetCourse.Course;

namespace NetCourse.Notebooks.Tests.Harness;

public class CoursePathsTests
{
    private static readonly CoursePaths Paths = CourseNotebooks.Paths;

    [TestCase("06")]
    [TestCase("06-ip")]
    [TestCase("06-ip-addresses.ipynb")]
    public void A_Lesson_Is_Found_By_Its_Number_Or_The_Start_Of_Its_Name(string argument) =>
        Assert.That(Paths.Resolve(argument), Is.EqualTo(Path.Combine(Paths.Notebooks, "06-ip-addresses.ipynb")));

    [Test]
    public void A_File_Is_Taken_As_It_Is()
    {
        var file = Path.Combine(Paths.Notebooks, "run", "06-ip-addresses.cs");

        Assert.That(Paths.Resolve(Path.GetRelativePath(Environment.CurrentDirectory, file)), Is.EqualTo(file));
    }

    [Test]
    public void A_Name_That_Matches_Nothing_Is_Rejected_By_Name() =>
        Assert.That(() => Paths.Resolve("99"), Throws.ArgumentException.With.Message.Contains("'99' is neither a file nor a lesson"));

    [Test]
    public void A_Name_That_Matches_Several_Lessons_Lists_Them() =>
        Assert.That(() => Paths.Resolve("1"), Throws.ArgumentException.With.Message.Contains("'1' matches 5 lessons: 10-socket-types.ipynb, 11-tcp-server.ipynb"));
}
