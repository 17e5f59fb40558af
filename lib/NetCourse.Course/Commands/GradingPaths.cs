using NetCourse.Course.Grading;

namespace NetCourse.Course.Commands;

/// <summary>Where the grading commands find the instructor's lessons, hidden cases and library.</summary>
internal static class GradingPaths
{
    /// <summary>Options for the checkout, from <c>--course DIR</c> (a folder of instructor notebooks; default notebooks/) and <c>--timeout S</c>.</summary>
    public static (string Lessons, GradingOptions Options) From(CommandLine args, CoursePaths paths)
    {
        var lessons = Path.GetFullPath(args.Get("course") ?? paths.Notebooks);
        if (!Directory.Exists(lessons))
        {
            throw new ArgumentException($"Course folder '{lessons}' does not exist.", nameof(args));
        }

        return (lessons, new GradingOptions
        {
            HiddenFolder = Path.Combine(lessons, "hidden"),
            LibraryFolder = paths.Library,
            CellTimeout = TimeSpan.FromSeconds(args.GetInt("timeout", 30, 1, 600)),
        });
    }

    /// <summary>
    /// The lessons named on the command line (see <see cref="CoursePaths.Select"/>), or, when none is named, every
    /// lesson of the folder that has exercises.
    /// </summary>
    /// <exception cref="ArgumentException">A name matches no lesson, or several.</exception>
    public static IReadOnlyList<string> Lessons(string folder, IReadOnlyList<string> names) =>
        names.Count > 0
            ? CoursePaths.Select(folder, names)
            : [.. CoursePaths.LessonsIn(folder).Where(p => Notebooks.Notebook.Load(p).CodeCells.Any(c => c.Role == "check"))];
}
