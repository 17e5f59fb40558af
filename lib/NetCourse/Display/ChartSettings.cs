namespace NetCourse;

/// <summary>
/// How charts load plotly.js. Set from the environment variable <c>NETCOURSE_PLOTLY</c>:
/// unset or <c>cdn</c> for the CDN, <c>inline</c> to embed a local copy, or a URL or file path of a local
/// <c>plotly.min.js</c> (2.x). Cells may also set the properties directly.
/// </summary>
internal static class ChartSettings
{
    /// <summary>The plotly.js version the course's charts are written for; 3.x rejects XPlot's string titles.</summary>
    public const string PlotlyVersion = "2.35.3";

    /// <summary>The CDN address used by <see cref="PlotlySource.Cdn"/>.</summary>
    public const string CdnUrl = "https://cdn.plot.ly/plotly-" + PlotlyVersion + ".min.js";

    /// <summary>The current source.</summary>
    public static PlotlySource Source { get; set; }

    /// <summary>A URL or file path of <c>plotly.min.js</c> for <see cref="PlotlySource.Local"/> and <see cref="PlotlySource.Inline"/>.</summary>
    public static string? PlotlyLocation { get; set; }

    static ChartSettings() => LoadFromEnvironment();

    /// <summary>Reads <c>NETCOURSE_PLOTLY</c> again.</summary>
    public static void LoadFromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable("NETCOURSE_PLOTLY")?.Trim();
        (Source, PlotlyLocation) = value switch
        {
            null or "" or "cdn" => (PlotlySource.Cdn, (string?)null),
            "inline" => (PlotlySource.Inline, PlotlyFiles.FindLocalCopy()),
            _ => (PlotlySource.Local, value),
        };
    }
}
