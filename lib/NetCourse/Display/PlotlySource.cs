namespace NetCourse;

/// <summary>Where a chart's HTML loads plotly.js from.</summary>
internal enum PlotlySource
{
    /// <summary>The public CDN (small notebooks; needs internet to draw).</summary>
    Cdn,

    /// <summary>A URL or path given by <see cref="ChartSettings.PlotlyLocation"/> (a local copy of plotly.js 2.x).</summary>
    Local,

    /// <summary>plotly.js embedded in every chart (draws offline; about 3.5 MB a chart).</summary>
    Inline,
}
