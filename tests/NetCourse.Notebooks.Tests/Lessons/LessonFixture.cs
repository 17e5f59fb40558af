using NetCourse.Course.Running;

namespace NetCourse.Notebooks.Tests.Lessons;

/// <summary>
/// Runs one lesson twice in one kernel (Run All, then Run All again) before its tests assert on the outputs; a
/// <paramref name="preamble"/> runs first in the kernel, e.g. to set an environment variable.
/// </summary>
[Category("Slow"), Category("Lessons")]
public abstract class LessonFixture(string fileName, string? preamble = null)
{
    /// <summary>The run of both passes.</summary>
    protected NotebookRun Run { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task RunLessonTwice() => Run = await CourseNotebooks.RunAsync(fileName, passes: 2, preamble);

    [Test]
    public void Runs_Twice_In_One_Kernel_Without_Errors() => Assert.That(Run.Succeeded, Is.True, Run.FailureMessage);

    [Test]
    public void Every_Exercise_Check_Passes_Its_Practice_Cases_With_The_Reference_Solution()
    {
        var checks = Run.Cells.Where(c => c.Pass == 1 && c.Cell.Role == "check").ToList();

        Assert.That(checks, Is.Not.Empty, "every lesson has at least one graded exercise");
        foreach (var check in checks)
        {
            Assert.That(check.Outcome.ReturnValue?.PlainText, Does.Match(@"Exercise \d\d\.\d+ — .*: practice: (\d+) of \1 cases passed; hidden cases run at grading"), $"exercise {check.Cell.Exercise}");
        }
    }

    /// <summary>The HTML or text that the first cell containing <paramref name="code"/> displayed, in the first pass.</summary>
    protected string Shown(string code) => Run.CellContaining(code).DisplayedText;

    /// <summary>The plain text of the value of the first cell containing <paramref name="code"/>.</summary>
    protected string Value(string code) => Run.CellContaining(code).ReturnValue?.PlainText ?? "";
}
