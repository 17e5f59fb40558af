using NetCourse.Course.Export;
using NetCourse.Course.Running;

namespace NetCourse.Course.Commands;

/// <summary>
/// <c>netcourse run [NOTEBOOK...] [--target kernel|jupyter|file|repl] [--passes N] [--timeout SECONDS] [--out DIR]</c>:
/// executes lessons headless and prints a table; exits 1 if any lesson failed or timed out. <c>kernel</c> (default) runs
/// each lesson in its own .NET Interactive kernel and saves the executed notebooks; <c>jupyter</c> runs them through
/// Jupyter's <c>nbconvert --execute</c>; <c>file</c> runs the exported file-based apps (<c>dotnet run notebooks/run/NN-topic.cs</c>);
/// <c>repl</c> runs them under dotnet-repl, which has no per-cell timeout, so each lesson gets ten times the cell timeout.
/// </summary>
public static class RunCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CommandLine args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var target = args.GetChoice("target", "kernel", "jupyter", "file", "repl");
        var cellTimeout = TimeSpan.FromSeconds(args.GetInt("timeout", 90, 1, 3600));
        var options = new RunOptions
        {
            Passes = args.GetInt("passes", 1, 1, 5),
            CellTimeout = cellTimeout,
        };
        if (options.Passes > 1 && target != "kernel")
        {
            throw new CommandLineException($"run: --passes {options.Passes} needs --target kernel (--target {target} runs each lesson once).", args.Syntax);
        }

        var paths = CoursePaths.Find();
        var notebooks = CoursePaths.Select(paths.Notebooks, args.Positional);
        var output = args.Get("out") ?? Path.Combine(paths.Artifacts, target switch
        {
            "jupyter" => "executed-jupyter",
            "repl" => "executed-repl",
            _ => "executed",
        });

        await CoursePreparation.EnsureReadyAsync(paths, cancellationToken).ConfigureAwait(false);
        var report = new RunReport();
        switch (target)
        {
            case "kernel":
                foreach (var notebook in notebooks)
                {
                    CourseConsole.Out.WriteLine($"running {Path.GetFileName(notebook)} ...");
                    var run = await NotebookRunner.RunAsync(notebook, options, cancellationToken).ConfigureAwait(false);
                    run.ToExecutedNotebook().Save(Path.Combine(output, Path.GetFileName(notebook)));
                    report.Add(run);
                }

                break;
            case "jupyter":
                using (var jupyter = await JupyterLessonRunner.StartAsync(paths, cancellationToken).ConfigureAwait(false))
                {
                    foreach (var notebook in notebooks)
                    {
                        CourseConsole.Out.WriteLine($"running {Path.GetFileName(notebook)} with jupyter nbconvert ...");
                        var deadline = TimeSpan.FromTicks(cellTimeout.Ticks * 10);
                        var result = await jupyter.RunAsync(notebook, output, cellTimeout, deadline, cancellationToken).ConfigureAwait(false);
                        result.AddTo(report);
                    }
                }

                break;
            case "repl":
                foreach (var notebook in notebooks)
                {
                    CourseConsole.Out.WriteLine($"running {Path.GetFileName(notebook)} with dotnet-repl ...");
                    var result = await ReplLessonRunner.RunAsync(paths, notebook, output, TimeSpan.FromTicks(cellTimeout.Ticks * 10), cancellationToken).ConfigureAwait(false);
                    result.AddTo(report);
                }

                break;
            default:
                foreach (var notebook in notebooks)
                {
                    var file = notebook.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) ? notebook : LessonExporter.TargetPath(notebook);
                    CourseConsole.Out.WriteLine($"running dotnet run {Path.GetRelativePath(paths.Root, file)} ...");
                    var result = await FileLessonRunner.RunAsync(paths, file, TimeSpan.FromTicks(cellTimeout.Ticks * 5), cancellationToken).ConfigureAwait(false);
                    result.AddTo(report);
                }

                break;
        }

        CourseConsole.Out.WriteLine();
        CourseConsole.Out.Write(report.ToText());
        if (target != "file")
        {
            CourseConsole.Out.WriteLine($"executed notebooks: {output}");
        }

        return report.AllSucceeded ? 0 : 1;
    }
}
