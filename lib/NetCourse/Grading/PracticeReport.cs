using System.Globalization;

namespace NetCourse;

/// <summary>One practice case of a check: its input, what was expected, what came back.</summary>
/// <param name="Number">The case's number, from 1.</param>
/// <param name="Input">The input, as JSON text.</param>
/// <param name="Expected">The expected value or rejection, as text (empty when a judge decides).</param>
/// <param name="Got">What the learner's code returned or did.</param>
/// <param name="Passed">Whether the case passed.</param>
public sealed record PracticeCase(int Number, string Input, string Expected, string Got, bool Passed);

/// <summary>
/// The outcome of a check cell: the practice cases only. It is practice, not a grade: the hidden cases run at grading,
/// outside the notebook.
/// </summary>
public sealed class PracticeReport : ITabular
{
    internal PracticeReport(Exercise exercise, IReadOnlyList<PracticeCase> cases)
    {
        Exercise = exercise;
        Cases = cases;
    }

    /// <summary>The exercise checked.</summary>
    public Exercise Exercise { get; }

    /// <summary>Every practice case, in the order given.</summary>
    public IReadOnlyList<PracticeCase> Cases { get; }

    /// <summary>Practice cases passed.</summary>
    public int Passed => Cases.Count(c => c.Passed);

    /// <summary>"practice: 2 of 3 cases passed; hidden cases run at grading".</summary>
    public string Summary => string.Create(CultureInfo.InvariantCulture, $"practice: {Passed} of {Cases.Count} cases passed; hidden cases run at grading");

    /// <inheritdoc/>
    public HtmlTable ToTable()
    {
        var table = new HtmlTable("case", "input", "expected", "got", "passed")
        {
            Caption = $"Exercise {Exercise.Id} — {Exercise.Title}: {Summary}",
        };
        foreach (var c in Cases.OrderBy(c => c.Passed).ThenBy(c => c.Number))
        {
            table.AddRow(c.Number, c.Input, c.Expected, c.Got, c.Passed ? "✔" : "✘");
        }

        return table;
    }
}
