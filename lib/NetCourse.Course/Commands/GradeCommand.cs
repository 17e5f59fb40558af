using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetCourse.Course.Grading;
using NetCourse.Course.Notebooks;

namespace NetCourse.Course.Commands;

/// <summary>
/// <c>netcourse grade --submissions DIR [--lesson NN] [--out DIR] [--parallel N] [--timeout S] [--course DIR] [--shard K/N]</c>:
/// grades every submitted notebook (DIR/learner.ipynb, or DIR/learner/NN-topic.ipynb) in its own kernel and writes the
/// gradebook; <c>netcourse grade merge DIR... [--out DIR]</c> joins the gradebooks of the shards of one class.
/// </summary>
public static class GradeCommand
{
    private const string ShardFile = "shard.json";

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CommandLine args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var paths = CoursePaths.Find();
        if (args.Positional.Count > 0 && args.Positional[0] == "merge")
        {
            return Merge([.. args.Positional.Skip(1)], Path.GetFullPath(args.Get("out") ?? Path.Combine(paths.Artifacts, "grades")));
        }

        var (lessons, options) = GradingPaths.From(args, paths);
        var submissions = Path.GetFullPath(args.Get("submissions") ?? throw new ArgumentException("grade needs --submissions DIR.", nameof(args)));
        if (!Directory.Exists(submissions))
        {
            throw new ArgumentException($"Submissions folder '{submissions}' does not exist.", nameof(args));
        }

        var output = Path.GetFullPath(args.Get("out") ?? Path.Combine(paths.Artifacts, "grades"));
        var parallel = args.GetInt("parallel", 2, 1, 16);
        var shard = Shard.Parse(args.Get("shard") ?? "1/1");
        await CoursePreparation.EnsureReadyAsync(paths, cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var (gradebook, graded) = await GradeClassAsync(submissions, GradingPaths.Lessons(lessons, []), args.Get("lesson"), options, parallel, shard, cancellationToken)
            .ConfigureAwait(false);
        gradebook.Write(output);
        WriteShard(output, shard);
        CourseConsole.Out.WriteLine($"graded {graded} submission(s) (shard {shard}) in {clock.Elapsed.TotalSeconds:0.0} s; gradebook: {Path.Combine(output, "gradebook.csv")}");
        return 0;
    }

    /// <summary>
    /// Grades the learners of <paramref name="shard"/> in <paramref name="submissions"/>: each notebook in its own kernel,
    /// <paramref name="parallel"/> at a time. An unreadable notebook gets 0 on each exercise saying why; a learner with two
    /// notebooks of one lesson is refused by name; neither stops the run. Returns the gradebook and the notebooks graded.
    /// </summary>
    public static async Task<(Gradebook Gradebook, int Graded)> GradeClassAsync(
        string submissions, IReadOnlyList<string> instructorLessons, string? lesson, GradingOptions options, int parallel, Shard shard,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instructorLessons);
        ArgumentNullException.ThrowIfNull(options);
        var jobs = Directory.EnumerateFiles(submissions, "*.ipynb", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(file => (File: file, Learner: LearnerOf(submissions, file), Lesson: LessonOf(file, lesson, instructorLessons)))
            .Where(j => shard.Holds(j.Learner))
            .ToList();
        var graders = jobs.Select(j => j.Lesson).Distinct().ToDictionary(l => l, l => new SubmissionGrader(Notebook.Load(l), options));
        var gradebook = new Gradebook();
        var groups = jobs.GroupBy(j => (j.Learner, j.Lesson)).ToList();
        foreach (var twice in groups.Where(g => g.Count() > 1))
        {
            var files = string.Join(", ", twice.Select(j => Path.GetRelativePath(submissions, j.File)));
            gradebook.Add(graders[twice.Key.Lesson].Exercises.Select(x => new ExerciseScore(twice.Key.Learner, x.Id, 0, x.Points,
                $"refused: {twice.Key.Learner} submitted this lesson more than once ({files}); submit one notebook")));
        }

        var single = groups.Where(g => g.Count() == 1).Select(g => g.Single()).ToList();
        using var slots = new SemaphoreSlim(parallel);
        await Task.WhenAll(single.Select(async job =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var grader = graders[job.Lesson];
                IReadOnlyList<ExerciseScore> scores;
                try
                {
                    scores = await grader.GradeAsync(job.Learner, Submission.Load(job.File), cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidDataException e)
                {
                    scores = grader.Unreadable(job.Learner, e.Message);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    scores = [.. grader.Exercises.Select(x => new ExerciseScore(job.Learner, x.Id, 0, x.Points, $"not graded: {e.GetType().Name}: {e.Message.Split('\n')[0]}"))];
                }

                gradebook.Add(scores);
                CourseConsole.Out.WriteLine($"{job.Learner,-24} {scores.Sum(s => s.Points),6:0.##} / {scores.Sum(s => s.Max):0.##}");
            }
            finally
            {
                slots.Release();
            }
        })).ConfigureAwait(false);
        return (gradebook, single.Count);
    }

    /// <summary>Records in a gradebook folder which shard it holds, for <see cref="Merge"/>.</summary>
    public static void WriteShard(string folder, Shard shard)
    {
        ArgumentNullException.ThrowIfNull(shard);
        File.WriteAllText(Path.Combine(folder, ShardFile), new JsonObject { ["shard"] = shard.Index, ["of"] = shard.Count }.ToJsonString());
    }

    /// <summary>Joins the gradebooks of every shard of a class into one, refusing a missing or repeated shard and a learner in two shards.</summary>
    /// <exception cref="ArgumentException">The folders are not exactly the shards 1..N of one class, or two share a learner.</exception>
    public static int Merge(IReadOnlyList<string> folders, string output)
    {
        ArgumentNullException.ThrowIfNull(folders);
        if (folders.Count == 0)
        {
            throw new ArgumentException("grade merge needs the output folders of the shards: grade merge DIR... [--out DIR].", nameof(folders));
        }

        var shards = new List<(int Index, int Count, string Folder, Gradebook Book)>();
        foreach (var folder in folders.Select(Path.GetFullPath))
        {
            var path = Path.Combine(folder, ShardFile);
            if (!File.Exists(path))
            {
                throw new ArgumentException($"'{folder}' holds no {ShardFile}: it is not the output of 'grade --shard K/N'.", nameof(folders));
            }

            var info = JsonNode.Parse(File.ReadAllText(path));
            shards.Add(((int?)info?["shard"] ?? 0, (int?)info?["of"] ?? 0, folder, Gradebook.Load(folder)));
        }

        var counts = shards.Select(s => s.Count).Distinct().ToList();
        if (counts.Count != 1)
        {
            throw new ArgumentException($"The shards come from different splits (of {string.Join(", ", counts)}).", nameof(folders));
        }

        var repeated = shards.GroupBy(s => s.Index).Where(g => g.Count() > 1).Select(g => $"shard {g.Key} ({string.Join(", ", g.Select(s => s.Folder))})").ToList();
        var missing = Enumerable.Range(1, counts[0]).Except(shards.Select(s => s.Index)).ToList();
        if (repeated.Count > 0 || missing.Count > 0)
        {
            throw new ArgumentException($"Cannot merge: {string.Join("; ", repeated.Select(r => "repeated " + r).Concat(missing.Select(m => $"missing shard {m} of {counts[0]}")))}.", nameof(folders));
        }

        var overlap = shards.SelectMany(s => s.Book.Rows.Select(r => r.Learner).Distinct().Select(l => (Learner: l, s.Index)))
            .GroupBy(p => p.Learner).Where(g => g.Count() > 1).Select(g => $"{g.Key} (shards {string.Join(", ", g.Select(p => p.Index))})").ToList();
        if (overlap.Count > 0)
        {
            throw new ArgumentException($"Cannot merge: learners graded in more than one shard: {string.Join(", ", overlap)}.", nameof(folders));
        }

        var merged = new Gradebook();
        foreach (var shard in shards)
        {
            merged.Add(shard.Book.Rows);
        }

        merged.Write(output);
        CourseConsole.Out.WriteLine($"merged {shards.Count} shard(s), {merged.Rows.Select(r => r.Learner).Distinct().Count()} learner(s); gradebook: {Path.Combine(output, "gradebook.csv")}");
        return 0;
    }

    private static string LearnerOf(string root, string file)
    {
        var relative = Path.GetRelativePath(root, file);
        var parts = relative.Split(Path.DirectorySeparatorChar);
        return parts.Length > 1 ? parts[0] : Path.GetFileNameWithoutExtension(file);
    }

    private static string LessonOf(string file, string? lesson, IReadOnlyList<string> instructorLessons)
    {
        var prefix = lesson ?? Path.GetFileName(file)[..Math.Min(2, Path.GetFileName(file).Length)];
        return instructorLessons.FirstOrDefault(l => Path.GetFileName(l).StartsWith(prefix.PadLeft(2, '0'), StringComparison.Ordinal))
            ?? throw new ArgumentException($"No lesson with exercises matches '{prefix}' for submission '{file}'; name files NN-topic.ipynb or pass --lesson NN.", nameof(lesson));
    }
}

/// <summary>One of N fixed parts of a class: a learner belongs to the part given by a stable hash of their name.</summary>
/// <param name="Index">The part, from 1.</param>
/// <param name="Count">How many parts.</param>
public sealed record Shard(int Index, int Count)
{
    /// <summary>Parses "K/N" with 1 ≤ K ≤ N ≤ 10000.</summary>
    /// <exception cref="ArgumentException">The text is not K/N in range.</exception>
    public static Shard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        return parts.Length == 2 && int.TryParse(parts[0], out var k) && int.TryParse(parts[1], out var n) && n is >= 1 and <= 10_000 && k >= 1 && k <= n
            ? new Shard(k, n)
            : throw new ArgumentException($"--shard '{text}' must be K/N with 1 <= K <= N, e.g. 3/10.", nameof(text));
    }

    /// <summary>True when <paramref name="learner"/> is graded in this shard (FNV-1a of the name's UTF-8 bytes, modulo N).</summary>
    public bool Holds(string learner)
    {
        ArgumentNullException.ThrowIfNull(learner);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(learner))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % (uint)Count) == Index - 1;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Index}/{Count}";
}
