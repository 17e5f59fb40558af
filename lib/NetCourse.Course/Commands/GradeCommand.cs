using System.Diagnostics;
using NetCourse.Course.Grading;
using NetCourse.Course.Notebooks;

namespace NetCourse.Course.Commands;

/// <summary>
/// <c>netcourse grade --submissions DIR [--lesson NN] [--out DIR] [--parallel N] [--timeout S] [--course DIR]</c>: grades
/// every submitted notebook (DIR/learner.ipynb, or DIR/learner/NN-topic.ipynb) in its own kernel and writes the gradebook.
/// </summary>
public static class GradeCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CommandLine args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var submissions = Path.GetFullPath(args.Require("submissions", "DIR"));
        var parallel = args.GetInt("parallel", 2, 1, 16);
        var paths = CoursePaths.Find();
        var (lessons, options) = GradingPaths.From(args, paths);
        if (!Directory.Exists(submissions))
        {
            throw new ArgumentException($"Submissions folder '{submissions}' does not exist.", nameof(args));
        }

        var output = Path.GetFullPath(args.Get("out") ?? Path.Combine(paths.Artifacts, "grades"));
        var instructorLessons = GradingPaths.Lessons(lessons, []);
        var jobs = Directory.EnumerateFiles(submissions, "*.ipynb", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(file => (File: file, Learner: LearnerOf(submissions, file), Lesson: LessonOf(file, args.Get("lesson"), instructorLessons)))
            .ToList();
        await CoursePreparation.EnsureReadyAsync(paths, cancellationToken).ConfigureAwait(false);

        var graders = jobs.Select(j => j.Lesson).Distinct().ToDictionary(l => l, l => new SubmissionGrader(Notebook.Load(l), options));
        var gradebook = new Gradebook();
        var clock = Stopwatch.StartNew();
        using var slots = new SemaphoreSlim(parallel);
        await Task.WhenAll(jobs.Select(async job =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                IReadOnlyList<ExerciseScore> scores;
                try
                {
                    scores = await graders[job.Lesson].GradeAsync(job.Learner, Notebook.Load(job.File), cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidDataException e)
                {
                    scores = [.. graders[job.Lesson].Exercises.Select(x => new ExerciseScore(job.Learner, x.Id, 0, x.Points, $"the submission could not be read: {e.Message}"))];
                }

                gradebook.Add(scores);
                CourseConsole.Out.WriteLine($"{job.Learner,-24} {scores.Sum(s => s.Points),6:0.##} / {scores.Sum(s => s.Max):0.##}");
            }
            finally
            {
                slots.Release();
            }
        })).ConfigureAwait(false);

        gradebook.Write(output);
        CourseConsole.Out.WriteLine($"graded {jobs.Count} submission(s) in {clock.Elapsed.TotalSeconds:0.0} s; gradebook: {Path.Combine(output, "gradebook.csv")}");
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
