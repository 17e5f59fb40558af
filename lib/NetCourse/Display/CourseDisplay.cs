using System.Net;
using Microsoft.DotNet.Interactive.Formatting;
using XPlot.Plotly;

namespace NetCourse;

/// <summary>Registers the course's HTML formatters with .NET Interactive.</summary>
public static class CourseDisplay
{
    /// <summary>Registers every formatter the course uses. Safe to call more than once.</summary>
    public static void Register()
    {
        Formatter.Register<ITabular>((value, writer) => writer.Write(value.ToTable().ToHtml()), HtmlFormatter.MimeType);
        Formatter.Register<ITabular>((value, writer) => writer.Write(value.ToTable().ToString()), PlainTextFormatter.MimeType);
        Formatter.Register<PlotlyChart>((chart, writer) => writer.Write(PlotlyChartHtml.Render(chart)), HtmlFormatter.MimeType);

        // The drawing also goes out as an image, for notebook viewers that show images but strip HTML; hosts that
        // render HTML pick text/html first (Jupyter, VS Code, nbconvert).
        Formatter.Register<PlotlyChart>((chart, writer) => writer.Write(ChartSvg.Render(chart)), ChartSvg.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(PlotlyChart), HtmlFormatter.MimeType, ChartSvg.MimeType);

        // Addresses read best as text; the default formatter lists their properties, and some of those throw.
        foreach (var mimeType in new[] { HtmlFormatter.MimeType, PlainTextFormatter.MimeType })
        {
            Formatter.Register<EndPoint>((endPoint, writer) => writer.Write(WebUtility.HtmlEncode(endPoint.ToString())), mimeType);
            Formatter.Register<IPAddress>((address, writer) => writer.Write(address.ToString()), mimeType);
        }
    }
}
