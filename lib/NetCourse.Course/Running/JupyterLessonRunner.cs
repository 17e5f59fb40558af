using System.Diagnostics;
using NetCourse.Course.Notebooks;

namespace NetCourse.Course.Running;

/// <summary>
/// Executes lessons with Jupyter's <c>nbconvert --execute</c> and the course's .NET kernel, registered in a private
/// folder for the runner's lifetime. Dispose to remove that folder.
/// </summary>
public sealed class JupyterLessonRunner : IDisposable
{
    private readonly CoursePaths _paths;
    private readonly string _jupyterPath;
    private readonly string _jupyter;

    private JupyterLessonRunner(CoursePaths paths, string jupyterPath, string jupyter)
    {
        _paths = paths;
        _jupyterPath = jupyterPath;
        _jupyter = jupyter;
    }

    /// <summary>Why Jupyter cannot run here (no <c>jupyter-nbconvert</c> on PATH, or it lacks nbclient), or null when it can.</summary>
    public static async Task<string?> WhyUnavailableAsync(CancellationToken cancellationToken = default)
    {
        var jupyter = Programs.Find("jupyter");
        if (jupyter is null || Programs.Find("jupyter-nbconvert") is null)
        {
            return "jupyter nbconvert is not installed (Debian/Ubuntu: apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel).";
        }

        try
        {
            var (exitCode, output) = await ProcessRunner.RunAsync(jupyter, ["nbconvert", "--version"], Environment.CurrentDirectory, TimeSpan.FromSeconds(60), cancellationToken)
                .ConfigureAwait(false);
            return exitCode == 0 ? null : $"'jupyter nbconvert --version' failed: {output.Trim()}";
        }
        catch (TimeoutException e)
        {
            return e.Message;
        }
    }

    /// <summary>Registers the kernel in a temporary folder and returns a runner.</summary>
    /// <exception cref="InvalidOperationException">Jupyter is missing or the kernel could not be registered.</exception>
    public static async Task<JupyterLessonRunner> StartAsync(CoursePaths paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var reason = await WhyUnavailableAsync(cancellationToken).ConfigureAwait(false);
        if (reason is not null)
        {
            throw new InvalidOperationException(reason);
        }

        var folder = Directory.CreateTempSubdirectory("netcourse-jupyter-").FullName;
        try
        {
            await JupyterKernelSpec.InstallAsync(paths, folder, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }

        return new JupyterLessonRunner(paths, folder, Programs.Find("jupyter")!);
    }

    /// <summary>
    /// Executes <paramref name="notebook"/> with <c>jupyter nbconvert --to notebook --execute</c> into <paramref name="outputFolder"/>;
    /// fails when nbconvert fails, a cell has an error output, or the whole run passes <paramref name="timeout"/>.
    /// </summary>
    public async Task<LessonRunResult> RunAsync(string notebook, string outputFolder, TimeSpan cellTimeout, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(notebook);
        ArgumentException.ThrowIfNullOrEmpty(outputFolder);
        var lesson = Path.GetFileNameWithoutExtension(notebook);
        Directory.CreateDirectory(outputFolder);
        var environment = new Dictionary<string, string>
        {
            ["JUPYTER_PATH"] = _jupyterPath,
            ["DOTNET_INTERACTIVE_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        string[] arguments =
        [
            "nbconvert", "--to", "notebook", "--execute",
            $"--ExecutePreprocessor.timeout={(int)cellTimeout.TotalSeconds}",
            $"--ExecutePreprocessor.kernel_name={JupyterKernelSpec.CSharpKernelName}",
            "--output-dir", Path.GetFullPath(outputFolder), Path.GetFileName(notebook),
        ];
        var clock = Stopwatch.StartNew();
        int exitCode;
        string output;
        try
        {
            (exitCode, output) = await ProcessRunner.RunAsync(
                _jupyter, arguments, Path.GetDirectoryName(Path.GetFullPath(notebook))!, timeout, environment, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            return new LessonRunResult(lesson, "jupyter", false, null, clock.Elapsed, $"{lesson}: {e.Message}", "");
        }

        var executedPath = Path.Combine(outputFolder, Path.GetFileName(notebook));
        if (exitCode != 0 || !File.Exists(executedPath))
        {
            return new LessonRunResult(lesson, "jupyter", false, null, clock.Elapsed,
                $"{lesson}: jupyter nbconvert exited with {exitCode}:\n{FileLessonRunner.Tail(output)}", output);
        }

        return LessonRunResult.FromExecutedNotebook(lesson, "jupyter", executedPath, clock.Elapsed, output);
    }

    /// <summary>
    /// Converts an executed notebook to a standalone HTML page with <c>jupyter nbconvert --to html</c>, the way a
    /// reader without Jupyter sees it; returns the page's path in <paramref name="outputFolder"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">nbconvert is missing or failed.</exception>
    public static async Task<string> ConvertToHtmlAsync(string notebook, string outputFolder, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(notebook);
        ArgumentException.ThrowIfNullOrEmpty(outputFolder);
        var jupyter = Programs.Find("jupyter") ?? throw new InvalidOperationException("jupyter nbconvert is not installed (Debian/Ubuntu: apt-get install jupyter-nbconvert).");
        Directory.CreateDirectory(outputFolder);
        var (exitCode, output) = await ProcessRunner.RunAsync(
            jupyter, ["nbconvert", "--to", "html", "--output-dir", Path.GetFullPath(outputFolder), Path.GetFullPath(notebook)],
            Path.GetFullPath(outputFolder), timeout, cancellationToken).ConfigureAwait(false);
        var page = Path.Combine(outputFolder, Path.GetFileNameWithoutExtension(notebook) + ".html");
        return exitCode == 0 && File.Exists(page)
            ? page
            : throw new InvalidOperationException($"jupyter nbconvert --to html {notebook} exited with {exitCode}:\n{FileLessonRunner.Tail(output)}");
    }

    /// <summary>Removes the private kernel registration.</summary>
    public void Dispose()
    {
        if (Directory.Exists(_jupyterPath))
        {
            Directory.Delete(_jupyterPath, recursive: true);
        }
    }
}
