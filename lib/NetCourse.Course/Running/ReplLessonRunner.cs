using System.Diagnostics;
using NetCourse.Course.Kernels;

namespace NetCourse.Course.Running;

/// <summary>
/// Runs a lesson under dotnet-repl, the terminal host of .NET Interactive that the course pins beside the kernel:
/// <c>dotnet-repl --run NN-topic.ipynb --exit-after-run --output-path OUT</c> in the notebook's folder. dotnet-repl has no
/// per-cell timeout and waits forever on a cell that blocks, so the whole notebook has one deadline, after which the
/// process and everything it started are killed.
/// </summary>
public static class ReplLessonRunner
{
    /// <summary>
    /// Executes <paramref name="notebook"/> and saves the executed copy in <paramref name="outputFolder"/>; fails when
    /// dotnet-repl fails, a cell has an error output, or the run passes <paramref name="timeout"/>.
    /// </summary>
    public static async Task<LessonRunResult> RunAsync(CoursePaths paths, string notebook, string outputFolder, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentException.ThrowIfNullOrEmpty(notebook);
        ArgumentException.ThrowIfNullOrEmpty(outputFolder);
        var lesson = Path.GetFileNameWithoutExtension(notebook);
        Directory.CreateDirectory(outputFolder);
        var executedPath = Path.Combine(Path.GetFullPath(outputFolder), Path.GetFileName(notebook));
        File.Delete(executedPath);
        var command = KernelTool.ReplCommand(paths);
        string[] arguments = [.. command.Skip(1), "--run", Path.GetFileName(notebook), "--exit-after-run", "--output-path", executedPath];
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_INTERACTIVE_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        var clock = Stopwatch.StartNew();
        int exitCode;
        string output;
        try
        {
            (exitCode, output) = await ProcessRunner.RunAsync(
                command[0], arguments, Path.GetDirectoryName(Path.GetFullPath(notebook))!, timeout, environment, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            return new LessonRunResult(lesson, "repl", false, null, clock.Elapsed,
                $"{lesson}: {e.Message} (dotnet-repl has no per-cell timeout: a cell that blocks holds the whole run)", "");
        }

        if (!File.Exists(executedPath))
        {
            return new LessonRunResult(lesson, "repl", false, null, clock.Elapsed,
                $"{lesson}: dotnet-repl exited with {exitCode} and saved no notebook:\n{FileLessonRunner.Tail(output)}", output);
        }

        var result = LessonRunResult.FromExecutedNotebook(lesson, "repl", executedPath, clock.Elapsed, output);
        return result.Succeeded && exitCode != 0
            ? result with { Succeeded = false, Failure = $"{lesson}: dotnet-repl exited with {exitCode}:\n{FileLessonRunner.Tail(output)}" }
            : result;
    }
}
