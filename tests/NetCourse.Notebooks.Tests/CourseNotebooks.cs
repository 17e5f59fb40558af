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
    /// <paramref name="preamble"/> if given (the executed notebook is then saved under a name that says so).
    /// </summary>
    public static Task<NotebookRun> RunAsync(string fileName, int passes = 1, string? preamble = null, CancellationToken cancellationToken = default) =>
        RunFileAsync(Path.Combine(Paths.Notebooks, fileName), new RunOptions { Passes = passes, CellTimeout = CellTimeout, Preamble = preamble }, cancellationToken);

    /// <summary>Runs any notebook file with the given options, after making the checkout ready.</summary>
    public static async Task<NotebookRun> RunFileAsync(string path, RunOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await CoursePreparation.EnsureReadyAsync(Paths, cancellationToken);
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
