using System.Text.Json.Nodes;
using NetCourse.Course.Running;

namespace NetCourse.Notebooks.Tests.Lessons;

/// <summary>
/// Runs one lesson twice in one kernel (Run All, then Run All again) before its tests assert on the outputs; a
/// <paramref name="preamble"/> runs first in the kernel, e.g. to set an environment variable. Tests name cells by their
/// nbformat id; <paramref name="values"/> lists variables read as JSON right after a cell ran, as <c>"cell-id/variable"</c>.
/// </summary>
[Category("Slow"), Category("Lessons")]
public abstract class LessonFixture(string fileName, string? preamble = null, params string[] values)
{
    /// <summary>The run of both passes.</summary>
    protected NotebookRun Run { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task RunLessonTwice()
    {
        var read = values.Select(v => v.Split('/', 2)).GroupBy(v => v[0]).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(v => v[1])]);
        Run = await CourseNotebooks.RunAsync(fileName, passes: 2, preamble, read);
    }

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

    /// <summary>The HTML or text that the cell <paramref name="id"/> displayed, in the first pass.</summary>
    protected string Shown(string id) => Run.Cell(id).DisplayedText;

    /// <summary>The plain text of the value of the cell <paramref name="id"/>, in the first pass.</summary>
    protected string Value(string id) => Run.Cell(id).ReturnValue?.PlainText ?? "";

    /// <summary>The rows of the value of the cell <paramref name="id"/> (a table), each row its cells' text; a caption is a row of one cell.</summary>
    protected IReadOnlyList<IReadOnlyList<string>> ValueRows(string id) =>
        [.. Value(id).Split('\n').Select(line => (IReadOnlyList<string>)line.Trim().Split(" | "))];

    /// <summary>The variable <paramref name="variable"/> as JSON, read right after the cell <paramref name="id"/> ran (listed in the fixture's values).</summary>
    protected JsonNode Json(string id, string variable, int pass = 1) =>
        Run.CellRun(id, pass).Values.GetValueOrDefault(variable) ?? throw new ArgumentException($"{fileName}: no value of '{variable}' was read after cell '{id}'; list \"{id}/{variable}\" in the fixture.", nameof(variable));

    /// <summary>The rows of a table (an <c>HtmlTable</c> read as JSON), each row its cells' text.</summary>
    protected static IReadOnlyList<IReadOnlyList<string>> Rows(JsonNode table) =>
        [.. table["Rows"]!.AsArray().Select(r => (IReadOnlyList<string>)[.. r!.AsArray().Select(c => (string)c!)])];
}
