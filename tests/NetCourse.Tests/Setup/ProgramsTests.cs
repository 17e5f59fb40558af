
namespace NetCourse.Tests.Setup;

public class ProgramsTests
{
    [Test]
    public void A_Program_On_Path_Is_Found_By_Its_Full_Path() =>
        Assert.That(Programs.Find("sh"), Does.EndWith("/sh").And.Matches<string>(File.Exists));

    [Test]
    public void A_Missing_Program_Is_Null() =>
        Assert.That(Programs.Find("netcourse-no-such-program"), Is.Null);

    [TestCase("")]
    [TestCase(" ")]
    public void An_Empty_Name_Is_Rejected(string name) =>
        Assert.That(() => Programs.Find(name), Throws.InstanceOf<ArgumentException>());
}
