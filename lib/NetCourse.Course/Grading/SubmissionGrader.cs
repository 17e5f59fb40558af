using System.Text.Json;
using NetCourse.Course.Kernels;
using NetCourse.Course.Notebooks;

namespace NetCourse.Course.Grading;

/// <summary>
/// Grades one submission of a lesson in its own kernel. The instructor's notebook is run with its solution cells
/// replaced by the learner's; every other cell, the checks included, comes from the instructor, so a learner cannot
/// change how they are graded. A cell that hangs or ends the kernel costs only its exercise: a new kernel replays what ran before and
/// grading goes on.
/// </summary>
public sealed class SubmissionGrader
{
    private readonly Notebook _instructor;
    private readonly GradingOptions _options;
    private readonly IReadOnlyList<ExerciseInfo> _exercises;

    /// <summary>Grades submissions of <paramref name="instructor"/>'s lesson.</summary>
    public SubmissionGrader(Notebook instructor, GradingOptions options)
    {
        _instructor = instructor ?? throw new ArgumentNullException(nameof(instructor));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _exercises = ExerciseInfo.Read(instructor);
    }

    /// <summary>The lesson's exercises.</summary>
    public IReadOnlyList<ExerciseInfo> Exercises => _exercises;

    /// <summary>Grades one submission; always returns one row per exercise, whatever the submission does.</summary>
    public async Task<IReadOnlyList<ExerciseScore>> GradeAsync(string learner, Notebook submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(submission);
        var work = Directory.CreateTempSubdirectory("netcourse-grade-");
        var results = Path.Combine(work.FullName, "results.jsonl");
        try
        {
            // The kernel runs in work/notebooks with the setup script at work/lib/netcourse.csx, where the setup cell
            // (#load "../lib/netcourse.csx") finds it as in a course folder; NETCOURSE_LIB points it at the library.
            var folder = work.CreateSubdirectory("notebooks");
            var script = CoursePaths.SetupScriptBeside(Path.Combine(work.FullName, "lib", "NetCourse"));
            Directory.CreateDirectory(Path.GetDirectoryName(script)!);
            File.Copy(CoursePaths.SetupScriptBeside(_options.LibraryFolder), script);
            var cells = AssembleCells(submission);
            var failures = await RunResilientlyAsync(cells, folder, results, cancellationToken).ConfigureAwait(false);
            return Score(learner, results, failures);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private List<(string Code, string? Exercise, bool IsCheck)> AssembleCells(Notebook submission)
    {
        // The instructor's notebook is the template; only its solution cells are replaced by the learner's.
        var release = StudentRelease.Make(_instructor);
        var cells = new List<(string, string?, bool)>();
        foreach (var cell in _instructor.CodeCells)
        {
            switch (cell.Role)
            {
                case "solution":
                    var answers = submission.CodeCells.Where(c => c.Role == "solution" && c.Exercise == cell.Exercise).ToList();
                    var chosen = answers.Count > 0 ? answers : [.. release.CodeCells.Where(c => c.Index == cell.Index)];
                    cells.AddRange(chosen.Select(c => (c.Source, cell.Exercise, false)));
                    break;
                case "check":
                    cells.Add((cell.Source, cell.Exercise, true));
                    break;
                default:
                    cells.Add((cell.Source, null, false));
                    break;
            }
        }

        return cells;
    }

    private async Task<Dictionary<string, string>> RunResilientlyAsync(
        List<(string Code, string? Exercise, bool IsCheck)> cells, DirectoryInfo work, string results, CancellationToken cancellationToken)
    {
        var failures = new Dictionary<string, string>();
        var succeeded = new List<int>();
        var preamble = string.Join('\n',
            Assign("NETCOURSE_RESULTS", results), Assign("NETCOURSE_HIDDEN_DIR", _options.HiddenFolder), Assign("NETCOURSE_LIB", _options.LibraryFolder));
        var next = 0;
        while (next < cells.Count)
        {
            await using var session = await KernelSession.StartAsync(work, TimeSpan.FromSeconds(60), _options.MaxOutputChars, cancellationToken)
                .ConfigureAwait(false);
            await session.RunAsync(preamble, _options.CellTimeout, cancellationToken).ConfigureAwait(false);
            foreach (var earlier in succeeded.Where(i => !cells[i].IsCheck).ToList())
            {
                await session.RunAsync(cells[earlier].Code, _options.CellTimeout, cancellationToken).ConfigureAwait(false);
            }

            for (; next < cells.Count; next++)
            {
                var (code, exercise, isCheck) = cells[next];
                var outcome = await session.RunAsync(code, _options.CellTimeout, cancellationToken).ConfigureAwait(false);
                if (outcome.Status == CellStatus.Succeeded)
                {
                    succeeded.Add(next);
                    continue;
                }

                var reason = Reason(outcome, isCheck);
                if (exercise is not null)
                {
                    failures.TryAdd(exercise, reason);
                }
                else if (next == 0)
                {
                    return _exercises.ToDictionary(e => e.Id, _ => $"the setup cell failed: {reason}");
                }

                if (outcome.Status is CellStatus.TimedOut or CellStatus.KernelDied)
                {
                    next++;
                    break;
                }
            }
        }

        return failures;
    }

    private List<ExerciseScore> Score(string learner, string results, Dictionary<string, string> failures)
    {
        var reported = new Dictionary<string, (double Points, string Message)>();
        if (File.Exists(results))
        {
            foreach (var line in File.ReadLines(results).Where(l => l.Length > 0))
            {
                try
                {
                    using var json = JsonDocument.Parse(line);
                    var root = json.RootElement;
                    var messages = root.GetProperty("messages").EnumerateArray().Select(m => m.GetString()).ToList();
                    reported[root.GetProperty("exercise").GetString()!] =
                        (root.GetProperty("points").GetDouble(), messages.Count == 0 ? "all cases passed" : string.Join("; ", messages));
                }
                catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
                {
                    // A line the learner's code wrote or cut short: ignored; the exercise then counts as not graded.
                }
            }
        }

        // A failed cell wins over anything reported: a line in the results file may have been written by the learner's code.
        return [.. _exercises.Select(e => failures.TryGetValue(e.Id, out var failure)
            ? new ExerciseScore(learner, e.Id, 0, e.Points, failure)
            : reported.TryGetValue(e.Id, out var score)
                ? new ExerciseScore(learner, e.Id, Math.Min(score.Points, e.Points), e.Points, score.Message)
                : new ExerciseScore(learner, e.Id, 0, e.Points, "not graded: the check did not run"))];
    }

    private static string Reason(CellOutcome outcome, bool isCheck)
    {
        var where = isCheck ? "the check" : "your code";
        var first = (outcome.Error ?? "").Split('\n')[0];
        return outcome.Status switch
        {
            CellStatus.TimedOut => $"{where} did not finish within the time limit (a hang or an endless loop)",
            CellStatus.KernelDied => $"{where} ended the notebook's process",
            _ => $"{where} failed: {first}",
        };
    }

    private static string Assign(string name, string value) =>
        $"System.Environment.SetEnvironmentVariable({JsonSerializer.Serialize(name)}, {JsonSerializer.Serialize(value)});";
}
