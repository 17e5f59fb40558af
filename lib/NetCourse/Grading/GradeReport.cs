using System.Globalization;
using System.Text.Json;

namespace NetCourse;

/// <summary>The outcome of checking one exercise: every case and the points.</summary>
public sealed class GradeReport : ITabular
{
    /// <summary>Creates a report.</summary>
    public GradeReport(Exercise exercise, IReadOnlyList<CaseResult> cases)
    {
        Exercise = exercise ?? throw new ArgumentNullException(nameof(exercise));
        Cases = cases ?? throw new ArgumentNullException(nameof(cases));
    }

    /// <summary>The exercise checked.</summary>
    public Exercise Exercise { get; }

    /// <summary>Every case, practice cases first.</summary>
    public IReadOnlyList<CaseResult> Cases { get; }

    /// <summary>Points earned.</summary>
    public double Points => Math.Round(Cases.Sum(c => c.Points), 2);

    /// <summary>Cases passed.</summary>
    public int Passed => Cases.Count(c => c.Passed);

    /// <summary>One JSON line for the gradebook.</summary>
    public string ToJsonLine() => JsonSerializer.Serialize(new
    {
        exercise = Exercise.Id,
        title = Exercise.Title,
        points = Points,
        max = Exercise.Points,
        passed = Passed,
        total = Cases.Count,
        messages = FailureMessages(),
    });

    /// <summary>One message per distinct failure, naming the cases it covers ("cases 1-3, 5: ...").</summary>
    public IReadOnlyList<string> FailureMessages() =>
        [.. Cases.Where(c => !c.Passed).GroupBy(c => c.Message).Select(g => $"{CaseNumbers([.. g.Select(c => c.Number)])}: {g.Key}")];

    /// <inheritdoc/>
    public HtmlTable ToTable()
    {
        var table = new HtmlTable("case", "kind", "passed", "points", "message")
        {
            Caption = string.Create(CultureInfo.InvariantCulture,
                $"Exercise {Exercise.Id} — {Exercise.Title}: {Points:0.##} / {Exercise.Points:0.##} points ({Passed} of {Cases.Count} cases)"),
        };
        foreach (var c in Cases)
        {
            table.AddRow(c.Number, c.Hidden ? "hidden" : "practice", c.Passed ? "✔" : "✘", c.Points.ToString("0.##", CultureInfo.InvariantCulture), c.Message);
        }

        return table;
    }

    private static string CaseNumbers(List<int> numbers)
    {
        var runs = new List<string>();
        for (var i = 0; i < numbers.Count;)
        {
            var end = i;
            while (end + 1 < numbers.Count && numbers[end + 1] == numbers[end] + 1)
            {
                end++;
            }

            runs.Add(end > i ? $"{numbers[i]}-{numbers[end]}" : $"{numbers[i]}");
            i = end + 1;
        }

        return (numbers.Count == 1 ? "case " : "cases ") + string.Join(", ", runs);
    }
}
