using NetCourse.Course.Grading;
using NetCourse.Course.Notebooks;

namespace NetCourse.Course.Commands;

/// <summary>
/// <c>netcourse validate [LESSON...] [--course DIR]</c>: for every lesson with exercises, the instructor version must
/// score full marks, the student version zero, and the student version must hold no solution line or hidden case.
/// </summary>
public static class ValidateCommand
{
    /// <summary>Runs the command; exit 1 when any lesson has a problem.</summary>
    public static async Task<int> RunAsync(CommandLine args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var paths = CoursePaths.Find();
        var (lessons, options) = GradingPaths.From(args, paths, "none");
        await CoursePreparation.EnsureReadyAsync(paths, cancellationToken).ConfigureAwait(false);
        var problems = 0;
        foreach (var lesson in GradingPaths.Lessons(lessons, args.Positional))
        {
            var found = await ReleaseValidator.ValidateAsync(Notebook.Load(lesson), options, cancellationToken).ConfigureAwait(false);
            CourseConsole.Out.WriteLine($"{Path.GetFileNameWithoutExtension(lesson)}: {(found.Count == 0 ? "ok" : "PROBLEMS")}");
            foreach (var problem in found)
            {
                CourseConsole.Out.WriteLine("  " + problem);
            }

            problems += found.Count;
        }

        CourseConsole.Out.WriteLine(problems == 0 ? "validate: every lesson ok" : $"validate: {problems} problem(s)");
        return problems == 0 ? 0 : 1;
    }
}
