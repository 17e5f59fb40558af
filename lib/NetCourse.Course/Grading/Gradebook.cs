using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NetCourse.Course.Grading;

/// <summary>
/// The grades of a class, or of one shard of it: written as CSV and JSON, plus one feedback file per learner. Shard
/// gradebooks of one class join with <see cref="Merge"/>.
/// </summary>
public sealed class Gradebook
{
    /// <summary>The most characters of one message kept in a feedback file or the gradebook.</summary>
    public const int MaxMessageChars = 300;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private readonly List<ExerciseScore> _rows = [];

    /// <summary>A gradebook of the whole class, or of shard <paramref name="shard"/>.</summary>
    /// <param name="shard">Which part of the class this gradebook holds; null for the whole class.</param>
    public Gradebook(Shard? shard = null) => Shard = shard;

    /// <summary>Which part of the class this gradebook holds; null for the whole class.</summary>
    public Shard? Shard { get; }

    /// <summary>The protections some submission was graded without (each launcher's list once); empty when every protection was in place.</summary>
    public IReadOnlyList<string> MissingProtections =>
        [.. Rows.Select(r => r.MissingProtections).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal)];

    /// <summary>Every row, ordered by learner then exercise.</summary>
    public IReadOnlyList<ExerciseScore> Rows
    {
        get
        {
            lock (_rows)
            {
                return [.. _rows.OrderBy(r => r.Learner, StringComparer.Ordinal).ThenBy(r => r.Exercise, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Adds a learner's rows, each message cut to <see cref="MaxMessageChars"/>.</summary>
    public void Add(IEnumerable<ExerciseScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var bounded = scores.Select(s => s with { Message = Bound(s.Message) }).ToList();
        lock (_rows)
        {
            _rows.AddRange(bounded);
        }
    }

    /// <summary>Writes gradebook.csv, gradebook.json and feedback/LEARNER.md into <paramref name="folder"/>.</summary>
    public void Write(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Directory.CreateDirectory(Path.Combine(folder, "feedback"));
        var rows = Rows;
        var csv = new StringBuilder("learner,exercise,points,max,message,missing protections\n");
        foreach (var r in rows)
        {
            csv.AppendLine(CultureInfo.InvariantCulture, $"{Csv(r.Learner)},{Csv(r.Exercise)},{r.Points:0.##},{r.Max:0.##},{Csv(r.Message)},{Csv(r.MissingProtections)}");
        }

        File.WriteAllText(Path.Combine(folder, "gradebook.csv"), csv.ToString());
        var file = new GradebookFile(Shard?.ToString(), MissingProtections, rows);
        File.WriteAllText(Path.Combine(folder, "gradebook.json"), JsonSerializer.Serialize(file, Json));
        foreach (var learner in rows.GroupBy(r => r.Learner))
        {
            File.WriteAllText(Path.Combine(folder, "feedback", SafeName(learner.Key) + ".md"), Feedback(learner.Key, [.. learner]));
        }
    }

    /// <summary>Reads a gradebook.json that <see cref="Write"/> wrote.</summary>
    /// <exception cref="InvalidDataException">The folder holds no readable gradebook.json.</exception>
    public static Gradebook Read(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var path = Path.Combine(folder, "gradebook.json");
        GradebookFile? file;
        try
        {
            file = JsonSerializer.Deserialize<GradebookFile>(File.ReadAllText(path), Json);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"'{path}' is not a readable gradebook: {e.Message}", e);
        }

        if (file?.Rows is null)
        {
            throw new InvalidDataException($"'{path}' is not a gradebook: it has no rows.");
        }

        var gradebook = new Gradebook(file.Shard is null ? null : Grading.Shard.Parse(file.Shard));
        gradebook.Add(file.Rows);
        return gradebook;
    }

    /// <summary>
    /// Joins the gradebooks of shards 1..N of one class into the class's gradebook. Every shard must be there once,
    /// all of the same N, and no learner may appear in two shards.
    /// </summary>
    /// <exception cref="ArgumentException">A gradebook is not a shard, a shard is missing or repeated, or a learner is in two shards.</exception>
    public static Gradebook Merge(IReadOnlyList<Gradebook> shards)
    {
        ArgumentNullException.ThrowIfNull(shards);
        if (shards.Count == 0)
        {
            throw new ArgumentException("Merge needs the gradebooks of the shards.", nameof(shards));
        }

        var parts = shards.Select(g => g.Shard ?? throw new ArgumentException("A gradebook to merge was not written by 'grade --shard K/N'.", nameof(shards))).ToList();
        var count = parts[0].Count;
        if (parts.FirstOrDefault(p => p.Count != count) is { } other)
        {
            throw new ArgumentException($"Shard {other} is not one of {count} like shard {parts[0]}.", nameof(shards));
        }

        var missing = Enumerable.Range(1, count).Except(parts.Select(p => p.Index)).ToList();
        var repeated = parts.GroupBy(p => p.Index).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (missing.Count > 0 || repeated.Count > 0)
        {
            throw new ArgumentException(
                (missing.Count > 0 ? $"Shard(s) {string.Join(", ", missing)} of {count} missing. " : "")
                + (repeated.Count > 0 ? $"Shard(s) {string.Join(", ", repeated)} of {count} given more than once." : ""), nameof(shards));
        }

        var owners = shards.SelectMany(g => g.Rows.Select(r => r.Learner).Distinct().Select(l => (Learner: l, g.Shard!)))
            .GroupBy(x => x.Learner).FirstOrDefault(g => g.Count() > 1);
        if (owners is not null)
        {
            throw new ArgumentException($"Learner '{owners.Key}' is in shards {string.Join(" and ", owners.Select(o => o.Item2))}.", nameof(shards));
        }

        var merged = new Gradebook();
        foreach (var shard in shards)
        {
            merged.Add(shard.Rows);
        }

        return merged;
    }

    /// <summary>
    /// Learner-controlled text made safe to show in Markdown and HTML: one line, no markup characters with meaning,
    /// at most <see cref="MaxMessageChars"/> characters.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in Bound(text))
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\r' or '\n' or '\t' => " ",
                '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '|' or '!' or '~' => "\\" + c,
                _ when char.IsControl(c) => " ",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    private static string Feedback(string learner, IReadOnlyList<ExerciseScore> rows)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"# Feedback for {Escape(learner)}\n\n");
        text.AppendLine(CultureInfo.InvariantCulture, $"Total: {rows.Sum(r => r.Points):0.##} / {rows.Sum(r => r.Max):0.##} points\n");
        text.AppendLine("| exercise | points | feedback |\n|---|---|---|");
        foreach (var r in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {Escape(r.Exercise)} | {r.Points:0.##} / {r.Max:0.##} | {Escape(r.Message)} |");
        }

        if (rows.Select(r => r.MissingProtections).FirstOrDefault(m => m.Length > 0) is { } missing)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"\nGraded without: {Escape(missing)}.");
        }

        return text.ToString();
    }

    private static string Bound(string text) => text.Length <= MaxMessageChars ? text : text[..(MaxMessageChars - 1)] + "…";

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string SafeName(string learner) => string.Concat(learner.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));

    private sealed record GradebookFile(string? Shard, IReadOnlyList<string>? MissingProtections, IReadOnlyList<ExerciseScore>? Rows);
}
