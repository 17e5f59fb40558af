using NetCourse.Course.Running;

namespace NetCourse.Course.Commands;

/// <summary>
/// <c>netcourse jupyter-kernel [--path DIR]</c>: registers the course's pinned .NET kernel with Jupyter (in DIR/kernels,
/// default: this user's Jupyter data folder), with its HTTP API on loopback only.
/// </summary>
public static class JupyterKernelCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CommandLine args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var paths = CoursePaths.Find();
        var folder = Path.GetFullPath(args.Get("path") ?? DefaultDataFolder());
        await CoursePreparation.EnsureReadyAsync(paths, cancellationToken).ConfigureAwait(false);
        var kernel = await JupyterKernelSpec.InstallAsync(paths, folder, cancellationToken).ConfigureAwait(false);
        CourseConsole.Out.WriteLine($"registered the .NET (C#) kernel in {kernel}");
        if (args.Get("path") is not null)
        {
            CourseConsole.Out.WriteLine($"Jupyter finds it with JUPYTER_PATH={folder}");
        }

        return 0;
    }

    private static string DefaultDataFolder()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter");
        }

        return OperatingSystem.IsMacOS()
            ? Path.Combine(home, "Library", "Jupyter")
            : Path.Combine(Environment.GetEnvironmentVariable("XDG_DATA_HOME") ?? Path.Combine(home, ".local", "share"), "jupyter");
    }
}
