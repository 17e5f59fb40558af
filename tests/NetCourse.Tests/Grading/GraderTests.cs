using NetCourse.Grading;

namespace NetCourse.Tests.Grading;

[NonParallelizable] // hidden cases and results files are found through environment variables
public class GraderTests
{
    private static readonly Exercise Double = new("99.1", "Double it", 2);
    private DirectoryInfo _folder = null!;

    [SetUp]
    public void Folder()
    {
        _folder = Directory.CreateTempSubdirectory("netcourse-grading-");
        Environment.SetEnvironmentVariable("NETCOURSE_HIDDEN_DIR", _folder.FullName);
        Environment.SetEnvironmentVariable("NETCOURSE_RESULTS", null);
    }

    [TearDown]
    public void Clean()
    {
        Environment.SetEnvironmentVariable("NETCOURSE_HIDDEN_DIR", null);
        Environment.SetEnvironmentVariable("NETCOURSE_RESULTS", null);
        _folder.Delete(recursive: true);
    }

    [Test]
    public void Correct_Answer_Scores_Full_Points()
    {
        var report = Grader.Check(Double, (int x) => 2 * x, (1, 2), (5, 10));

        Assert.That(report.Points, Is.EqualTo(2));
    }

    [Test]
    public void Wrong_Practice_Case_Shows_Expected_And_Actual()
    {
        var report = Grader.Check(Double, (int x) => x + 1, (1, 2), (5, 10));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Points, Is.EqualTo(1));
            Assert.That(report.Cases[1].Message, Is.EqualTo("for 5 expected 10, got 6"));
        }
    }

    [Test]
    public void Hidden_Cases_Are_Added_And_Never_Reveal_The_Expected_Value()
    {
        File.WriteAllText(Path.Combine(_folder.FullName, "99.json"), """{ "99.1": [ { "input": 21, "expected": 42 } ] }""");

        var report = Grader.Check(Double, (int x) => x == 21 ? 41 : 2 * x, (1, 2));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Cases, Has.Count.EqualTo(2));
            Assert.That(report.Cases[1].Hidden, Is.True);
            Assert.That(report.Cases[1].Passed, Is.False);
            Assert.That(report.Cases[1].Message, Does.Not.Contain("42"));
        }
    }

    [Test]
    public void Exceptions_Become_Messages()
    {
        var report = Grader.Check(Double, (int x) => throw new NotImplementedException("write Double"), (1, 2));

        Assert.That(report.Cases[0].Message, Is.EqualTo("not implemented yet: write Double"));
    }

    [Test]
    public void The_Same_Failure_In_Several_Cases_Is_One_Message()
    {
        var report = Grader.Check(Double, (int x) => x == 4 ? 8 : throw new NotImplementedException("write Double"), (1, 2), (2, 4), (4, 8), (5, 10), (4, 9));

        Assert.That(report.FailureMessages(), Is.EqualTo(new[] { "cases 1-2, 4: not implemented yet: write Double", "case 5: for 4 expected 9, got 8" }));
    }

    [Test, CancelAfter(10_000)]
    public void A_Hanging_Case_Fails_At_Its_Deadline(CancellationToken token)
    {
        var report = Grader.Check(Double, (int x) => { while (!token.IsCancellationRequested) { } return 0; }, (1, 2));

        Assert.That(report.Cases[0].Message, Does.StartWith("did not finish within"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Behaviour_Scenario_Failures_Are_Reported(CancellationToken token)
    {
        var report = await Grader.CheckAsync(Double, "subject", (s, input, ct) => Task.FromResult(input == 2 ? "bad" : null), 1, 2);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Passed, Is.EqualTo(1));
            Assert.That(report.Cases[1].Message, Is.EqualTo("bad"));
        }
    }

    [Test]
    public void Results_Are_Appended_As_Json_Lines_When_Asked()
    {
        var results = Path.Combine(_folder.FullName, "results.jsonl");
        Environment.SetEnvironmentVariable("NETCOURSE_RESULTS", results);

        Grader.Check(Double, (int x) => 2 * x, (1, 2));

        Assert.That(File.ReadAllText(results), Does.Contain("\"exercise\":\"99.1\"").And.Contain("\"points\":2").And.Contain("\"max\":2"));
    }

    [TestCase("9.1")]
    [TestCase("09")]
    [TestCase("ab.1")]
    public void Malformed_Exercise_Id_Is_Rejected(string id) =>
        Assert.That(() => new Exercise(id, "x", 1), Throws.ArgumentException.With.Message.Contains($"'{id}'"));
}
