using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using NetCourse.Course.Notebooks;

namespace NetCourse.Course.Grading;

/// <summary>
/// Checks one lesson's release: the instructor version scores full marks, the student version scores zero, and the
/// student version holds no solution line and no hidden case.
/// </summary>
public static class ReleaseValidator
{
    /// <summary>Validates a lesson; returns the problems found (empty when it is fine).</summary>
    public static async Task<IReadOnlyList<string>> ValidateAsync(Notebook instructor, GradingOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instructor);
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var grader = new SubmissionGrader(instructor, options);
        if (grader.Exercises.Count == 0)
        {
            return [$"{instructor.Name}: no exercises (no check cells)."];
        }

        var release = StudentRelease.Make(instructor);
        foreach (var score in await grader.GradeAsync("instructor", instructor, cancellationToken).ConfigureAwait(false))
        {
            if (score.Points < score.Max)
            {
                problems.Add($"{instructor.Name}: the instructor's solution of {score.Exercise} scores {score.Points} / {score.Max}: {score.Message}");
            }
        }

        foreach (var score in await grader.GradeAsync("release", release, cancellationToken).ConfigureAwait(false))
        {
            if (score.Points > 0)
            {
                problems.Add($"{instructor.Name}: the released stub of {score.Exercise} scores {score.Points} / {score.Max}, expected 0.");
            }
        }

        problems.AddRange(Leaks(instructor, release, options.HiddenFolder));
        return problems;
    }

    /// <summary>Solution lines that appear in the release, and hidden cases copied into a check cell (all of their values in one cell).</summary>
    public static IEnumerable<string> Leaks(Notebook instructor, Notebook release, string hiddenFolder)
    {
        ArgumentNullException.ThrowIfNull(instructor);
        ArgumentNullException.ThrowIfNull(release);
        var text = string.Concat(release.Cells.Select(c => c.Source));
        foreach (var line in instructor.CodeCells.SelectMany(c => SolutionRegions.SolutionLines(c.Source)).Where(l => l.Length >= 12).Distinct())
        {
            if (text.Contains(line, StringComparison.Ordinal))
            {
                yield return $"{instructor.Name}: the release contains the solution line '{line}'.";
            }
        }

        foreach (var check in release.CodeCells.Where(c => c.Role == "check" && c.Exercise is not null))
        {
            foreach (var (values, pattern) in HiddenCases(hiddenFolder, check.Exercise!))
            {
                if (Regex.IsMatch(check.Source, pattern))
                {
                    yield return $"{instructor.Name}: check cell of {check.Exercise} holds a hidden case ({string.Join(", ", values)}).";
                }
            }
        }
    }

    // A case is found when its values appear in a check cell in order, as literals (strings quoted, numbers whole),
    // with no other string literal between them. A case that is a single number, or whose values hold fewer than three
    // characters in all (an empty string, "0, 0"), is too common in ordinary code to look for.
    private static IEnumerable<(IReadOnlyList<string> Values, string Pattern)> HiddenCases(string hiddenFolder, string exercise)
    {
        var path = Path.Combine(hiddenFolder, exercise[..2] + ".json");
        if (!File.Exists(path) || JsonNode.Parse(File.ReadAllText(path))?[exercise] is not JsonArray cases)
        {
            yield break;
        }

        foreach (var values in cases.Select(c => Values(c).ToList()))
        {
            if ((values.Count == 1 && !values[0].StartsWith('"')) || values.Sum(v => v.Trim('"').Length) < 3)
            {
                continue;
            }

            var pattern = string.Join("[^\"]*?", values.Select(v => v.StartsWith('"') ? Regex.Escape(v) : $@"\b{Regex.Escape(v)}\b"));
            yield return (values, pattern);
        }
    }

    private static IEnumerable<string> Values(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Values(p.Value)),
        JsonArray a => a.SelectMany(Values),
        JsonValue v => [v.ToJsonString()],
        _ => [],
    };
}
