using NetCourse.Course.Running;

namespace NetCourse.Course.Commands;

/// <summary>
/// <c>netcourse run [NOTEBOOK...] [--passes N] [--timeout SECONDS] [--out DIR]</c>: executes lessons headless,
/// each in its own kernel, saves the executed notebooks and prints a table; exits 1 if any cell failed or timed out.
/// </summary>
public static class RunCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CommandLine args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var paths = CoursePaths.Find();
        var notebooks = args.Positional.Count > 0 ? args.Positional.Select(Path.GetFullPath).ToList() : [.. paths.Lessons.Prepend(Path.Combine(paths.Notebooks, "00-start-here.ipynb")).Where(File.Exists).Distinct()];
        var options = new RunOptions
        {
            Passes = args.GetInt("passes", 1, 1, 5),
            CellTimeout = TimeSpan.FromSeconds(args.GetInt("timeout", 90, 1, 3600)),
        };
        var output = args.Get("out") ?? Path.Combine(paths.Artifacts, "executed");

        await CoursePreparation.EnsureReadyAsync(paths, cancellationToken).ConfigureAwait(false);
        var report = new RunReport();
        foreach (var notebook in notebooks)
        {
            CourseConsole.Out.WriteLine($"running {Path.GetFileName(notebook)} ...");
            var run = await NotebookRunner.RunAsync(notebook, options, cancellationToken).ConfigureAwait(false);
            run.ToExecutedNotebook().Save(Path.Combine(output, Path.GetFileName(notebook)));
            report.Add(run);
        }

        CourseConsole.Out.WriteLine();
        CourseConsole.Out.Write(report.ToText());
        CourseConsole.Out.WriteLine($"executed notebooks: {output}");
        return report.AllSucceeded ? 0 : 1;
    }
}
