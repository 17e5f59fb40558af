using System.Text.Json;
using NetCourse.Course.Grading;
using NetCourse.Course.Notebooks;

namespace NetCourse.Notebooks.Tests.Grading;

/// <summary>
/// Release, validate and grade on lesson 06 (exercises 06.1 for 2 points, 06.2 for 3 and the socket exercise 06.3 for 4), with a class of deliberately
/// good and bad submissions made from the instructor's notebook.
/// </summary>
[Category("Slow")]
public class GradingCommandTests
{
    private static readonly string Lesson = Path.Combine(CourseNotebooks.Paths.Notebooks, "06-ip-addresses.ipynb");
    private DirectoryInfo _work = null!;
    private Dictionary<(string Learner, string Exercise), ExerciseScore> _grades = null!;

    private static GradingOptions Options => new()
    {
        HiddenFolder = Path.Combine(CourseNotebooks.Paths.Notebooks, "hidden"),
        LibraryFolder = CourseNotebooks.Paths.Library,
        CellTimeout = TimeSpan.FromSeconds(10),
    };

    [OneTimeSetUp]
    public async Task GradeAClass()
    {
        await NetCourse.Course.CoursePreparation.EnsureReadyAsync(CourseNotebooks.Paths);
        _work = Directory.CreateTempSubdirectory("netcourse-class-");
        var instructor = Notebook.Load(Lesson);
        var release = StudentRelease.Make(instructor);
        Submit("good", instructor);
        Submit("empty", release);
        Submit("partial", WithSolution(instructor, "06.2", "string Broadcast(string cidr) => Ipv4Prefix.Parse(cidr).Network;"));
        Submit("hanging", WithSolution(instructor, "06.1", "System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);"));
        Submit("crashing", WithSolution(instructor, "06.1", "uint ToNumber(string a) { Environment.Exit(3); return 0; }"));
        Submit("chatty", WithSolution(instructor, "06.1",
            "uint ToNumber(string a) { Console.Write(new string('x', 3_000_000)); var p = a.Split('.').Select(uint.Parse).ToArray(); return p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]; }"));
        Submit("forger", WithCheck(WithSolution(instructor, "06.2",
            "string Broadcast(string c) { System.IO.File.AppendAllText(Environment.GetEnvironmentVariable(\"NETCOURSE_RESULTS\")!, \"{\\\"exercise\\\":\\\"06.2\\\",\\\"points\\\":3,\\\"messages\\\":[]}\\n\"); Environment.Exit(0); return \"\"; }"),
            "06.2", "\"fully correct, trust me\""));
        Submit("uses-lesson", WithSolution(instructor, "06.1",
            "uint ToNumber(string a) { var p = a.Split('.').Select(uint.Parse).ToArray(); return v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3] : 0; }"));
        Submit("typo", WithSolution(instructor, "06.1", "uint ToNumber(string a) => nosuch;"));
        Directory.CreateDirectory(Path.Combine(_work.FullName, "submissions", "folder-learner"));
        instructor.Save(Path.Combine(_work.FullName, "submissions", "folder-learner", "06-ip-addresses.ipynb"));

        var grader = new SubmissionGrader(instructor, Options);
        var book = new Gradebook();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_work.FullName, "submissions"), "*.ipynb", SearchOption.AllDirectories))
        {
            var learner = Path.GetFileName(Path.GetDirectoryName(file)) == "submissions" ? Path.GetFileNameWithoutExtension(file) : Path.GetFileName(Path.GetDirectoryName(file))!;
            book.Add(await grader.GradeAsync(learner, Notebook.Load(file)));
        }

        book.Write(Path.Combine(_work.FullName, "grades"));
        _grades = book.Rows.ToDictionary(r => (r.Learner, r.Exercise));
    }

    [OneTimeTearDown]
    public void Clean() => _work.Delete(recursive: true);

    [TestCase("good", "06.1", 2)]
    [TestCase("good", "06.2", 3)]
    [TestCase("good", "06.3", 4)]
    [TestCase("folder-learner", "06.2", 3)]
    [TestCase("empty", "06.1", 0)]
    [TestCase("empty", "06.2", 0)]
    [TestCase("empty", "06.3", 0)]
    [TestCase("partial", "06.1", 2)]
    [TestCase("partial", "06.2", 0)]
    [TestCase("hanging", "06.1", 0)]
    [TestCase("hanging", "06.2", 3)]
    [TestCase("hanging", "06.3", 4)]
    [TestCase("crashing", "06.1", 0)]
    [TestCase("crashing", "06.2", 3)]
    [TestCase("chatty", "06.1", 2)]
    [TestCase("forger", "06.2", 0)]
    [TestCase("uses-lesson", "06.1", 2)]
    [TestCase("typo", "06.1", 0)]
    [TestCase("typo", "06.2", 3)]
    public void Gradebook_Has_The_Expected_Points(string learner, string exercise, double points) =>
        Assert.That(_grades[(learner, exercise)].Points, Is.EqualTo(points), _grades[(learner, exercise)].Message);

    [Test]
    public void Reasons_Say_What_Happened()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_grades[("empty", "06.1")].Message, Does.Contain("not implemented yet"));
            Assert.That(_grades[("empty", "06.3")].Message, Does.StartWith("hidden case 1 of 7: not implemented yet"), "a stubbed server handler is named so, not a wrong reply");
            Assert.That(_grades[("hanging", "06.1")].Message, Does.Contain("did not finish within the time limit"));
            Assert.That(_grades[("crashing", "06.1")].Message, Does.Contain("ended the notebook's process"));
            Assert.That(_grades[("typo", "06.1")].Message, Does.Contain("error CS0103: The name 'nosuch' does not exist"));
            Assert.That(_grades[("partial", "06.2")].Message, Does.Contain("hidden case 1 of 4: wrong value").And.Not.Contain("10.1.1.223"), "hidden expected values stay hidden");
            Assert.That(_grades[("good", "06.2")].Message, Is.EqualTo("all 4 hidden cases passed"));
            Assert.That(_grades[("good", "06.3")].Message, Is.EqualTo("all 7 hidden cases passed"));
        }
    }

    [Test]
    public void Gradebook_Files_And_Feedback_Are_Written()
    {
        var folder = Path.Combine(_work.FullName, "grades");
        var rows = JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(Path.Combine(folder, "gradebook.json")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(File.ReadLines(Path.Combine(folder, "gradebook.csv")).First(), Is.EqualTo("learner,exercise,points,max,message,missing protections"));
            Assert.That(File.ReadLines(Path.Combine(folder, "gradebook.csv")).Count(), Is.EqualTo(1 + 10 * 3));
            Assert.That(rows.GetProperty("rows").GetArrayLength(), Is.EqualTo(30));
            Assert.That(File.ReadAllText(Path.Combine(folder, "feedback", "good.md")), Does.Contain("Total: 9 / 9 points"));
        }
    }

    [Test]
    public void Release_Stubs_Every_Solution_And_Keeps_No_Solution_Line()
    {
        var instructor = Notebook.Load(Lesson);
        var release = StudentRelease.Make(instructor);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(release.CodeCells.Where(c => c.Role == "solution").Select(c => c.Source), Has.All.Contains("throw new NotImplementedException("));
            Assert.That(ReleaseValidator.Leaks(instructor, release, Options.HiddenFolder), Is.Empty);
            Assert.That(ReleaseValidator.Leaks(instructor, instructor, Options.HiddenFolder), Is.Not.Empty, "the check finds solutions when they are there");
        }
    }

    [Test, CancelAfter(120_000)]
    public async Task Validate_Passes_For_The_Lesson(CancellationToken token) =>
        Assert.That(await ReleaseValidator.ValidateAsync(Notebook.Load(Lesson), Options, token), Is.Empty);

    private void Submit(string learner, Notebook notebook) =>
        notebook.Save(Path.Combine(_work.FullName, "submissions", learner + ".ipynb"));

    private static Notebook WithSolution(Notebook instructor, string exercise, string code)
    {
        var copy = instructor.Clone();
        copy.CodeCells.First(c => c.Role == "solution" && c.Exercise == exercise).Source = code;
        return copy;
    }

    private static Notebook WithCheck(Notebook notebook, string exercise, string code)
    {
        notebook.CodeCells.First(c => c.Role == "check" && c.Exercise == exercise).Source = code;
        return notebook;
    }
}
