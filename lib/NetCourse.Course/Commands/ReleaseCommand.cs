using NetCourse.Course.Grading;

namespace NetCourse.Course.Commands;

/// <summary>
/// <c>netcourse release [LESSON...] [--course DIR] [--out DIR]</c>: writes a course folder for learners (default
/// <c>artifacts/release</c>): the student version of every lesson in <c>notebooks/</c> and the library beside it.
/// </summary>
public static class ReleaseCommand
{
    /// <summary>Runs the command.</summary>
    public static int Run(CommandLine args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var paths = CoursePaths.Find();
        var (lessons, _) = GradingPaths.From(args, paths, "none");
        var output = Path.GetFullPath(args.Get("out") ?? Path.Combine(paths.Artifacts, "release"));
        var written = StudentRelease.WriteCourse(paths, CoursePaths.Select(lessons, args.Positional), output);
        CourseConsole.Out.WriteLine($"released {written.Count} lesson(s) to {Path.Combine(output, "notebooks")} with the library in {Path.Combine(output, "lib")} (solutions stubbed, outputs cleared, hidden cases not copied)");
        return 0;
    }
}
