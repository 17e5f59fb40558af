using System.Diagnostics;
using NetCourse.Course.Grading;
using NetCourse.Course.Notebooks;

namespace NetCourse.Course.Commands;

/// <summary>
/// <c>netcourse grade --submissions DIR [--lesson NN] [--shard K/N] [--out DIR] [--parallel N] [--timeout S] [--course DIR]</c>: grades
/// every submitted notebook (DIR/learner.ipynb, or DIR/learner/NN-topic.ipynb) in its own kernel and writes the gradebook.
/// </summary>
public static class GradeCommand
{
    private const string NotGraded = "could not be graded: ";

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CommandLine args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var submissions = Path.GetFullPath(args.Require("submissions", "DIR"));
        var parallel = args.GetInt("parallel", 2, 1, 16);
        var paths = CoursePaths.Find();
        if (!Directory.Exists(submissions))
        {
            throw new ArgumentException($"Submissions folder '{submissions}' does not exist.", nameof(args));
        }

        var output = Path.GetFullPath(args.Get("out") ?? Path.Combine(paths.Artifacts, "grades"));
        var (lessons, options) = GradingPaths.From(args, paths, args.GetChoice("isolation", "auto", "none", "require"), submissions, output);
        var shard = args.Get("shard") is { } part ? Shard.Parse(part) : null;
        var instructorLessons = GradingPaths.Lessons(lessons, []);
        var lesson = args.Get("lesson") is { } named ? LessonNamed(named, instructorLessons) : null;
        await CoursePreparation.EnsureReadyAsync(paths, cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var (gradebook, graded) = await GradeClassAsync(submissions, instructorLessons, lesson, options, parallel, shard, cancellationToken).ConfigureAwait(false);
        gradebook.Write(output);
        CourseConsole.Out.WriteLine($"graded {graded} submission(s){(shard is null ? "" : $" (shard {shard})")} in {clock.Elapsed.TotalSeconds:0.0} s; gradebook: {Path.Combine(output, "gradebook.csv")}");
        foreach (var missing in gradebook.MissingProtections)
        {
            CourseConsole.Out.WriteLine($"graded without: {missing}");
        }

        var ungraded = gradebook.Rows.Where(r => r.Message.StartsWith(NotGraded, StringComparison.Ordinal)).Select(r => r.Learner).Distinct().ToList();
        if (ungraded.Count > 0)
        {
            CourseConsole.Error.WriteLine($"{ungraded.Count} submission(s) could not be graded, through no fault of theirs ({string.Join(", ", ungraded)}): see their rows, and grade them again.");
            return 1;
        }

        return 0;
    }

    /// <summary>
    /// Grades the submissions in <paramref name="submissions"/> of the lessons in <paramref name="instructorLessons"/>
    /// (every one as <paramref name="lesson"/>, an instructor notebook's path, when given), only the learners of <paramref name="shard"/> when given, each notebook in
    /// its own kernel, <paramref name="parallel"/> at a time. One bad submission costs only its own rows. Returns the
    /// gradebook and how many notebooks were graded.
    /// </summary>
    public static async Task<(Gradebook Gradebook, int Graded)> GradeClassAsync(
        string submissions, IReadOnlyList<string> instructorLessons, string? lesson, GradingOptions options, int parallel, Shard? shard,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(submissions);
        ArgumentNullException.ThrowIfNull(instructorLessons);
        ArgumentNullException.ThrowIfNull(options);
        var files = Directory.EnumerateFiles(submissions, "*.ipynb", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(file => (File: file, Learner: LearnerOf(submissions, file), Lesson: lesson ?? LessonOf(file, instructorLessons)))
            .ToList();
        foreach (var unmatched in files.Where(f => f.Lesson is null))
        {
            CourseConsole.Error.WriteLine($"skipped {unmatched.File}: its name matches no lesson with exercises; name files NN-topic.ipynb or pass --lesson NN");
        }

        var mine = shard?.Of(files.Select(f => f.Learner));
        var jobs = files.Where(f => f.Lesson is not null && (mine is null || mine.Contains(f.Learner)))
            .GroupBy(f => (f.Learner, Lesson: f.Lesson!))
            .Select(g => (g.Key.Learner, g.Key.Lesson, Files: g.Select(f => f.File).ToList()))
            .ToList();
        var graders = jobs.Select(j => j.Lesson).Distinct().ToDictionary(l => l, l => new SubmissionGrader(Notebook.Load(l), options));
        var gradebook = new Gradebook(shard);
        using var slots = new SemaphoreSlim(parallel);
        await Task.WhenAll(jobs.Select(async job =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var grader = graders[job.Lesson];
                var scores = job.Files.Count > 1
                    ? ZeroFor(grader, job.Learner, $"refused: {job.Learner} handed in this lesson {job.Files.Count} times ({string.Join(", ", job.Files.Select(f => Path.GetRelativePath(submissions, f)))}); hand in one")
                    : await GradeOneAsync(grader, job.Learner, job.Files[0], cancellationToken).ConfigureAwait(false);
                gradebook.Add(scores);
                CourseConsole.Out.WriteLine($"{job.Learner,-24} {scores.Sum(s => s.Points),6:0.##} / {scores.Sum(s => s.Max):0.##}");
            }
            finally
            {
                slots.Release();
            }
        })).ConfigureAwait(false);
        return (gradebook, jobs.Count);
    }

    /// <summary><c>grade merge --out DIR SHARD_DIR...</c>: joins the gradebooks of every shard of a class into one.</summary>
    public static Task<int> MergeAsync(CommandLine args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Positional.Count == 0)
        {
            throw new ArgumentException("grade merge needs the folders of the shard gradebooks.", nameof(args));
        }

        var output = Path.GetFullPath(args.Require("out", "DIR"));
        var shards = args.Positional.Select(Gradebook.Read).ToList();
        var merged = Gradebook.Merge(shards);
        merged.Write(output);
        CourseConsole.Out.WriteLine($"merged {shards.Count} shard(s), {merged.Rows.Select(r => r.Learner).Distinct().Count()} learner(s); gradebook: {Path.Combine(output, "gradebook.csv")}");
        return Task.FromResult(0);
    }

    // One submission's rows, whatever it holds: a file that cannot be read or graded costs only its own rows.
    private static async Task<IReadOnlyList<ExerciseScore>> GradeOneAsync(SubmissionGrader grader, string learner, string file, CancellationToken cancellationToken)
    {
        Notebook submission;
        try
        {
            submission = Notebook.Load(file);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return ZeroFor(grader, learner, $"could not be read: {e.Message.Replace($"'{file}' ", "", StringComparison.Ordinal)}");
        }

        try
        {
            return await grader.GradeAsync(learner, submission, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return ZeroFor(grader, learner, $"{NotGraded}{e.GetType().Name}: {e.Message}");
        }
    }

    private static List<ExerciseScore> ZeroFor(SubmissionGrader grader, string learner, string message) =>
        [.. grader.Exercises.Select(x => new ExerciseScore(learner, x.Id, 0, x.Points, message))];

    private static string LearnerOf(string root, string file)
    {
        var relative = Path.GetRelativePath(root, file);
        var parts = relative.Split(Path.DirectorySeparatorChar);
        return parts.Length > 1 ? parts[0] : Path.GetFileNameWithoutExtension(file);
    }

    private static string? LessonOf(string file, IReadOnlyList<string> instructorLessons)
    {
        var name = Path.GetFileName(file);
        return name.Length >= 2 && char.IsAsciiDigit(name[0]) && char.IsAsciiDigit(name[1])
            ? instructorLessons.FirstOrDefault(l => Path.GetFileName(l).StartsWith(name[..2], StringComparison.Ordinal))
            : null;
    }

    private static string LessonNamed(string lesson, IReadOnlyList<string> instructorLessons) =>
        instructorLessons.FirstOrDefault(l => Path.GetFileName(l).StartsWith(lesson.PadLeft(2, '0'), StringComparison.Ordinal))
            ?? throw new ArgumentException($"No lesson with exercises matches --lesson '{lesson}'.", nameof(lesson));
}
