namespace NetCourse.Course.Commands;

/// <summary>
/// <c>netcourse plotly</c>: installs plotly.js 2.x from npm into <c>.course/plotly</c>, so that charts can draw
/// offline with <c>NETCOURSE_PLOTLY=inline</c> (or the file's path).
/// </summary>
public static class PlotlyCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var paths = CoursePaths.Find();
        var folder = Path.Combine(paths.Root, ".course", "plotly");
        Directory.CreateDirectory(folder);
        var (exitCode, output) = await ProcessRunner.RunAsync(
            "npm", ["install", "--no-audit", "--no-fund", "--prefix", folder, $"plotly.js-dist-min@{NetCourse.Display.ChartSettings.PlotlyVersion}"],
            paths.Root, TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            CourseConsole.Error.WriteLine($"npm install failed ({exitCode}):\n{output}");
            return 1;
        }

        var file = Path.Combine(folder, "node_modules", "plotly.js-dist-min", NetCourse.Display.PlotlyFiles.FileName);
        CourseConsole.Out.WriteLine($"plotly.js {NetCourse.Display.ChartSettings.PlotlyVersion} installed: {file}");
        CourseConsole.Out.WriteLine("Draw charts offline: set NETCOURSE_PLOTLY=inline before starting the kernel (or VS Code / Jupyter).");
        return 0;
    }
}
