using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NetCourse.Course.Grading;

/// <summary>The grades of a class: written as CSV and JSON, plus one feedback file per learner.</summary>
public sealed class Gradebook
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private readonly List<ExerciseScore> _rows = [];

    /// <summary>Every row, in the order added.</summary>
    public IReadOnlyList<ExerciseScore> Rows => _rows;

    /// <summary>Adds a learner's rows.</summary>
    public void Add(IEnumerable<ExerciseScore> scores)
    {
        lock (_rows)
        {
            _rows.AddRange(scores);
        }
    }

    /// <summary>Reads the rows of a gradebook.json written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not such a gradebook.</exception>
    public static Gradebook Load(string folder)
    {
        var path = Path.Combine(folder, "gradebook.json");
        try
        {
            var book = new Gradebook();
            book.Add(JsonSerializer.Deserialize<List<ExerciseScore>>(File.ReadAllText(path), Indented) ?? []);
            return book;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            throw new InvalidDataException($"{path} is not a gradebook: {e.Message}", e);
        }
    }

    /// <summary>Writes gradebook.csv, gradebook.json and feedback/LEARNER.md into <paramref name="folder"/>.</summary>
    public void Write(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "feedback"));
        var rows = _rows.OrderBy(r => r.Learner, StringComparer.Ordinal).ThenBy(r => r.Exercise, StringComparer.Ordinal).ToList();
        var csv = new StringBuilder("learner,exercise,points,max,message,missing protections\n");
        foreach (var r in rows)
        {
            csv.AppendLine(CultureInfo.InvariantCulture, $"{Csv(r.Learner)},{Csv(r.Exercise)},{r.Points:0.##},{r.Max:0.##},{Csv(r.Message)},{Csv(r.MissingProtections)}");
        }

        File.WriteAllText(Path.Combine(folder, "gradebook.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(folder, "gradebook.json"), JsonSerializer.Serialize(rows, Indented));
        foreach (var learner in rows.GroupBy(r => r.Learner))
        {
            // Names, messages and exercise ids can carry the learner's own text (file names, exception messages): escaped.
            var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"# Feedback for {FeedbackText.Escape(learner.Key)}\n\n");
            text.AppendLine(CultureInfo.InvariantCulture, $"Total: {learner.Sum(r => r.Points):0.##} / {learner.Sum(r => r.Max):0.##} points\n");
            text.AppendLine("| exercise | points | feedback |\n|---|---|---|");
            foreach (var r in learner)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {FeedbackText.Escape(r.Exercise)} | {r.Points:0.##} / {r.Max:0.##} | {FeedbackText.Escape(r.Message)} |");
            }

            if (learner.Select(r => r.MissingProtections).FirstOrDefault(m => m.Length > 0) is { } missing)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"\nGraded without: {FeedbackText.Escape(missing)}.");
            }

            File.WriteAllText(Path.Combine(folder, "feedback", SafeName(learner.Key) + ".md"), text.ToString());
        }
    }

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string SafeName(string learner) => string.Concat(learner.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
