using System.Net;
using System.Text;
using System.Text.Json;
using XPlot.Plotly;

namespace NetCourse;

/// <summary>
/// Renders an XPlot <see cref="PlotlyChart"/> as an HTML fragment: a div holding a static SVG drawing of the chart, and a
/// script that loads plotly.js as <see cref="ChartSettings"/> says and draws the interactive chart in its place.
/// Where scripts do not run or plotly.js cannot load (offline, GitHub, nbviewer), the drawing stays.
/// </summary>
public static class PlotlyChartHtml
{
    /// <summary>Returns the chart's div, with its static drawing, and a script that draws it once plotly.js is available.</summary>
    public static string Render(PlotlyChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var html = new StringBuilder()
            .Append("<div id=\"").Append(WebUtility.HtmlEncode(chart.Id)).Append("\" style=\"width: ").Append(chart.Width)
            .Append("px; height: ").Append(chart.Height).Append("px;\">").Append(ChartSvg.Render(chart)).Append("</div>\n");

        // Each plotting script runs in its own scope so that several charts in one page do not clash. It removes the
        // static drawing first; "</" is escaped so that a title holding "</script>" cannot end the script early.
        var draw = "function(){\n" +
            "var still = document.getElementById(" + JsonSerializer.Serialize(chart.Id) + ")?.querySelector(':scope > svg." + ChartSvg.RootClass + "'); if (still) still.remove();\n" +
            chart.GetPlottingJS().Replace("</", "<\\/", StringComparison.Ordinal) + "\n}";
        switch (ChartSettings.Source)
        {
            case PlotlySource.Inline:
                html.Append("<script>\n(function(define, module, exports) {\n")
                    .Append(InlineSource())
                    .Append("\n}).call(window);\n(").Append(draw).Append(")();\n</script>");
                break;
            default:
                html.Append("<script>\n(function(draw) {\n")
                    .Append("  if (window.Plotly) { draw(); return; }\n")
                    .Append("  var amd = window.define; window.define = undefined;\n")
                    .Append("  var s = document.createElement('script');\n")
                    .Append("  s.src = '").Append(ScriptUrl()).Append("';\n")
                    .Append("  s.onload = function() { window.define = amd; draw(); };\n")
                    .Append("  document.head.appendChild(s);\n")
                    .Append("})(").Append(draw).Append(");\n</script>");
                break;
        }

        return html.ToString();
    }

    private static string ScriptUrl()
    {
        if (ChartSettings.Source == PlotlySource.Cdn || string.IsNullOrEmpty(ChartSettings.PlotlyLocation))
        {
            return ChartSettings.CdnUrl;
        }

        var location = ChartSettings.PlotlyLocation;
        return Path.IsPathRooted(location) ? new Uri(location).AbsoluteUri : location;
    }

    private static string InlineSource()
    {
        var path = ChartSettings.PlotlyLocation ?? PlotlyFiles.FindLocalCopy()
            ?? throw new InvalidOperationException(
                "Inline charts need a local plotly.min.js: run `dotnet run --project lib/NetCourse.Course -- plotly` or set NETCOURSE_PLOTLY to its path.");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"plotly.js not found at '{path}'.", path);
        }

        return File.ReadAllText(path).Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
    }
}
