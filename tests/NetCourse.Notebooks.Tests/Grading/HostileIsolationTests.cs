using System.Runtime.Versioning;
using NetCourse.Course.Isolation;

namespace NetCourse.Notebooks.Tests.Grading;

/// <summary>
/// Attacks on grading (issue 16) that only OS isolation defeats, graded in one isolated run beside a correct learner
/// whose name sorts last, so every attacker runs first: the attacker gets nothing, the correct learner keeps full marks,
/// and nothing outside the attacker's sandbox changes. Linux as root only (as in CI); ignored elsewhere.
/// </summary>
[Category("Slow")]
[SupportedOSPlatform("linux")]
public class HostileIsolationTests
{
    private const string Stub = "uint ToNumber(string address) => throw new NotImplementedException(\"write ToNumber\");";
    private HostileClass _class = null!;
    private string _canary = "";
    private string _libraryProbe = "";

    [OneTimeSetUp]
    public async Task GradeTheClass()
    {
        if (!OperatingSystem.IsLinux() || KernelIsolation.Unavailable.Count > 0)
        {
            Assert.Ignore($"Kernels cannot be isolated here: {string.Join("; ", KernelIsolation.Unavailable)}.");
        }

        _class = new HostileClass { Isolated = true };
        var c = _class;
        _canary = Path.Combine(c.Submissions, "zz-correct.ipynb");
        _libraryProbe = Path.Combine(CourseNotebooks.Paths.Library, $"written-by-a-submission-{Guid.NewGuid():N}.txt");
        c.Submit("zz-correct.ipynb", c.Instructor);

        // Rewrites every other submission before its turn.
        c.Submit("a-vandal.ipynb", c.WithSolution("06.1",
            $"foreach (var f in System.IO.Directory.EnumerateFiles({Quote(c.Submissions)}, \"*.ipynb\")) try {{ System.IO.File.WriteAllText(f, \"{{}}\"); }} catch {{ }}\n{Stub}"));

        // A detached process that rewrites the gradebook once the grader is done.
        c.Submit("b-sleeper.ipynb", c.WithSolution("06.1",
            $"System.Diagnostics.Process.Start(\"setsid\", new[] {{ \"sh\", \"-c\", {Quote($"sleep 4; echo 'zz-correct,06.1,0,2,forged' > {Path.Combine(c.Output, "gradebook.csv")}")} }});\n{Stub}"));

        // Kills every other dotnet process it can see (sibling kernels, the grader) and writes into their folders.
        c.Submit("c-hunter.ipynb", c.WithSolution("06.1",
            "foreach (var p in System.Diagnostics.Process.GetProcesses()) try { if (p.Id != Environment.ProcessId && p.ProcessName.Contains(\"dotnet\")) p.Kill(); } catch { }\n" + Stub));

        // Writes into the library the grader builds from, and into the library the kernel loaded.
        c.Submit("d-editor.ipynb", c.WithSolution("06.1",
            $"try {{ System.IO.File.WriteAllText({Quote(_libraryProbe)}, \"x\"); }} catch {{ }}\n" +
            "try { System.IO.File.AppendAllText(typeof(global::NetCourse.Grader).Assembly.Location, \"x\"); } catch { }\n" + Stub));

        await c.GradeAsync();
        await Task.Delay(TimeSpan.FromSeconds(6)); // longer than the sleeper's sleep
    }

    [OneTimeTearDown]
    public void Clean()
    {
        _class?.Dispose();
        File.Delete(_libraryProbe);
    }

    [TestCase("a-vandal", TestName = "Rewriting other submissions before their turn changes nothing")]
    [TestCase("b-sleeper", TestName = "A setsid process cannot outlive its submission and rewrite the gradebook")]
    [TestCase("c-hunter", TestName = "Processes found in /proc are only the submission's own")]
    [TestCase("d-editor", TestName = "The library cannot be written, so no later submission is helped")]
    public void The_Attack_Scores_Nothing_And_The_Correct_Learner_Keeps_Full_Marks(string attacker)
    {
        var gradebook = File.ReadAllText(Path.Combine(_class.Output, "gradebook.csv"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_class.Score(attacker, "06.1").Points, Is.Zero, _class.Score(attacker, "06.1").Message);
            Assert.That(_class.Score("zz-correct", "06.1").Points, Is.EqualTo(2), _class.Score("zz-correct", "06.1").Message);
            Assert.That(_class.Score("zz-correct", "06.2").Points, Is.EqualTo(3), _class.Score("zz-correct", "06.2").Message);
            Assert.That(gradebook, Does.Contain("zz-correct,06.1,2,2,").And.Not.Contain("forged"), "gradebook.csv after the grader finished");
            Assert.That(File.ReadAllText(_canary), Does.Contain("\"cells\""), "the correct learner's submission is untouched");
            Assert.That(File.Exists(_libraryProbe), Is.False, "nothing was written into lib/NetCourse");
            Assert.That(_class.Grades.Values.Where(r => r.Learner == attacker).Select(r => r.MissingProtections), Has.All.Empty);
        }
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
