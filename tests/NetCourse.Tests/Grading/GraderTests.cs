
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
        var report = Grader.Check(Double, int (int x) => throw new NotImplementedException("write Double"), (1, 2));

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

    private static int Half(int x) => x % 2 == 0 ? x / 2 : throw new ArgumentOutOfRangeException(nameof(x), x, $"{x} is odd.");

    [Test]
    public void A_Rejection_Case_Passes_When_The_Answer_Throws_That_Type_Or_A_Derived_One_Naming_The_Value()
    {
        var report = Grader.Check(Double, Half, (4, 2), (7, Rejection.Of<ArgumentException>("7")), (9, Rejection.Of<ArgumentOutOfRangeException>("9")));

        Assert.That(report.Cases.Select(c => c.Message), Is.All.EqualTo("passed"));
    }

    [Test]
    public void A_Rejection_Case_Fails_When_The_Answer_Returns_Throws_Another_Type_Or_Does_Not_Name_The_Value()
    {
        var report = Grader.Check(Double, (int x) => x switch
            {
                1 => 5,
                2 => throw new FormatException("2 is bad"),
                _ => throw new ArgumentException("bad value"),
            },
            (1, Rejection.Of<ArgumentException>("1")), (2, Rejection.Of<ArgumentException>("2")), (3, Rejection.Of<ArgumentException>("3")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Points, Is.Zero);
            Assert.That(report.Cases[0].Message, Is.EqualTo("for 1 expected ArgumentException naming \"1\", got 5"));
            Assert.That(report.Cases[1].Message, Is.EqualTo("for 2 expected ArgumentException naming \"2\", threw FormatException: 2 is bad"));
            Assert.That(report.Cases[2].Message, Is.EqualTo("for 3 expected ArgumentException naming \"3\", threw ArgumentException: bad value"));
        }
    }

    [Test]
    public void A_Stub_Fails_A_Rejection_Case_As_Not_Implemented()
    {
        var report = Grader.Check(Double, int (int x) => throw new NotImplementedException("write Half"), (7, Rejection.Of<Exception>("7")));

        Assert.That(report.Cases[0].Message, Is.EqualTo("not implemented yet: write Half"));
    }

    [Test]
    public void Hidden_Rejection_Cases_Are_Read_From_The_Case_File_And_Never_Reveal_What_Was_Expected()
    {
        File.WriteAllText(Path.Combine(_folder.FullName, "99.json"), """
            { "99.1": [ { "input": 5, "rejects": { "exception": "ArgumentException", "naming": "5" } },
                        { "input": 6, "rejects": { "exception": "ArgumentException", "naming": "6" } },
                        { "input": 8, "expected": 4 } ] }
            """);

        var report = Grader.Check(Double, Half, (2, 1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Cases.Select(c => (c.Hidden, c.Passed)), Is.EqualTo(new[] { (false, true), (true, true), (true, false), (true, true) }));
            Assert.That(report.Cases[2].Message, Is.EqualTo("wrong result for a hidden input (got 3)"));
        }
    }

    [TestCase("""{ "exception": "ArgumentException" }""")]
    [TestCase("""{ "exception": "", "naming": "5" }""")]
    [TestCase("\"ArgumentException\"")]
    public void A_Malformed_Hidden_Rejection_Names_The_Exercise(string rejects)
    {
        File.WriteAllText(Path.Combine(_folder.FullName, "99.json"), $$"""{ "99.1": [ { "input": 5, "rejects": {{rejects}} } ] }""");

        Assert.That(() => HiddenCases.For<int, int>(Double), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("99.1").And.Message.Contains("rejects"));
    }

    [Test]
    public void Hidden_Enum_Values_Are_Read_By_Name()
    {
        File.WriteAllText(Path.Combine(_folder.FullName, "99.json"), """{ "99.1": [ { "input": "tcp", "expected": "Stream" } ] }""");

        var report = Grader.Check(Double, (string name) => name == "tcp" ? System.Net.Sockets.SocketType.Stream : System.Net.Sockets.SocketType.Dgram);

        Assert.That(report.Points, Is.EqualTo(2));
    }

    [TestCase("", "7")]
    [TestCase("ArgumentException", "")]
    public void A_Rejection_Needs_A_Type_And_A_Text(string exceptionType, string naming) =>
        Assert.That(() => Rejection.Of(exceptionType, naming), Throws.ArgumentException);

    [TestCase("9.1")]
    [TestCase("09")]
    [TestCase("ab.1")]
    public void Malformed_Exercise_Id_Is_Rejected(string id) =>
        Assert.That(() => new Exercise(id, "x", 1), Throws.ArgumentException.With.Message.Contains($"'{id}'"));
}
