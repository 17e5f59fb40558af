using NetCourse.Course;
using NetCourse.Course.Running;

namespace NetCourse.Notebooks.Tests;

/// <summary>Runs the course's notebooks in the real kernel, the way the README's run command does.</summary>
public static class CourseNotebooks
{
    /// <summary>The checkout these tests belong to.</summary>
    public static CoursePaths Paths { get; } = CoursePaths.Find(TestContext.CurrentContext.TestDirectory);

    /// <summary>The per-cell timeout lessons are held to.</summary>
    public static TimeSpan CellTimeout { get; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Runs <c>notebooks/<paramref name="fileName"/></c> in a fresh kernel, <paramref name="passes"/> times over, after
    /// <paramref name="preamble"/> if given (the executed notebook is then saved under a name that says so), reading the
    /// variables <paramref name="values"/> lists by cell id as JSON right after those cells ran.
    /// </summary>
    public static Task<NotebookRun> RunAsync(
        string fileName, int passes = 1, string? preamble = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? values = null, CancellationToken cancellationToken = default) =>
        RunFileAsync(
            Path.Combine(Paths.Notebooks, fileName),
            new RunOptions { Passes = passes, CellTimeout = CellTimeout, Preamble = preamble, ValuesAfterCell = values ?? new Dictionary<string, IReadOnlyList<string>>() },
            cancellationToken);

    /// <summary>
    /// Runs any notebook file with the given options, after restoring the kernel tool and, for a lesson of this checkout,
    /// building the library its setup cell loads.
    /// </summary>
    public static async Task<NotebookRun> RunFileAsync(string path, RunOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var lesson = Path.GetFullPath(path).StartsWith(Path.GetFullPath(Paths.Notebooks) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        await (lesson ? CoursePreparation.EnsureReadyAsync(Paths, cancellationToken) : CoursePreparation.EnsureKernelAsync(Paths, cancellationToken));
        var run = await NotebookRunner.RunAsync(path, options, cancellationToken);
        SaveExecuted(run, options.Preamble is null ? "" : ".with-preamble");
        return run;
    }

    private static void SaveExecuted(NotebookRun run, string suffix)
    {
        var folder = Path.Combine(Paths.Artifacts, "test-executed");
        run.ToExecutedNotebook().Save(Path.Combine(folder, run.Notebook.Name + suffix + ".ipynb"));
    }
}
