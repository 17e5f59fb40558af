namespace NetCourse;

/// <summary>Finds a local copy of plotly.js installed for the course.</summary>
internal static class PlotlyFiles
{
    /// <summary>The file name npm's <c>plotly.js-dist-min</c> package installs.</summary>
    public const string FileName = "plotly.min.js";

    /// <summary>
    /// Looks for <c>.course/plotly/node_modules/plotly.js-dist-min/plotly.min.js</c> in the current folder and its parents,
    /// where <c>netcourse plotly</c> installs it. Returns null when there is none.
    /// </summary>
    public static string? FindLocalCopy()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".course", "plotly", "node_modules", "plotly.js-dist-min", FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
