using NetCourse.Course.Grading;
using NetCourse.Course.Isolation;
using NetCourse.Course.Kernels;

namespace NetCourse.Course.Commands;

/// <summary>Where the grading commands find the instructor's lessons, hidden cases and library.</summary>
internal static class GradingPaths
{
    /// <summary>
    /// Options for the checkout, from <c>--course DIR</c> (a folder of instructor notebooks; default notebooks/) and
    /// <c>--timeout S</c>; kernels start as <paramref name="isolation"/> says (auto, none or require), and an isolated
    /// kernel sees the course folder and <paramref name="hiddenFolders"/> (the submissions, the gradebook) empty.
    /// </summary>
    public static (string Lessons, GradingOptions Options) From(CommandLine args, CoursePaths paths, string isolation, params string[] hiddenFolders)
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
            Launchers = Launchers(isolation, paths, [lessons, .. hiddenFolders]),
        });
    }

    // auto: isolated where the OS allows it, else plain and the gradebook lists what was missing; none: plain;
    // require: refuse to grade unless every protection can be applied.
    private static Func<string, IKernelLauncher>? Launchers(string isolation, CoursePaths paths, IReadOnlyList<string> hidden)
    {
        if (isolation == "none")
        {
            return null;
        }

        if (isolation == "require" && KernelIsolation.Unavailable is [_, ..] missing)
        {
            throw new ArgumentException($"--isolation require: this machine cannot isolate submissions: {string.Join("; ", missing)}.", nameof(isolation));
        }

        var options = new IsolationOptions { HiddenFolders = hidden };
        return learner => KernelIsolation.TryCreate(paths, options) ?? new PlainLauncher(paths.Library);
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
