using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace NetCourse;

/// <summary>
/// Draws observed connection lifecycles as timelines: one lane for the client's socket and one for the server's, a
/// column per step, each box the state the operating system reported.
/// </summary>
public sealed class StateTimeline(params ConnectionLifecycle[] lifecycles) : IHtmlContent
{
    private const int LaneX = 120, Column = 150, BoxHeight = 30;

    /// <inheritdoc/>
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var steps = lifecycles.Length == 0 ? 0 : lifecycles.Max(l => l.Steps.Count);
        var width = LaneX + (steps * Column) + 20;
        var height = (lifecycles.Length * 150) + 10;
        var svg = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">");
        for (var i = 0; i < lifecycles.Length; i++)
        {
            var life = lifecycles[i];
            var top = 10 + (i * 150);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{top + 12}\" font-weight=\"bold\">{Encode(life.ClientClosesFirst ? "Client closes first" : "Server closes first")}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{top + 50}\">client socket</text><text x=\"0\" y=\"{top + 90}\">server socket</text>");
            for (var s = 0; s < life.Steps.Count; s++)
            {
                var (step, client, server) = life.Steps[s];
                var x = LaneX + (s * Column);
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (Column / 2)}\" y=\"{top + 128}\" text-anchor=\"middle\" fill=\"#555\">{Encode(Short(step))}</text>");
                Box(svg, x, top + 30, client);
                Box(svg, x, top + 70, server);
            }
        }

        writer.Write(svg.Append("</svg>").ToString());

        string Encode(string text) => encoder?.Encode(text) ?? WebUtility.HtmlEncode(text);
    }

    private static void Box(StringBuilder svg, int x, int y, string state)
    {
        var fill = state switch
        {
            "LISTEN" => "#c6dbef",
            "ESTABLISHED" => "#a1d99b",
            "TIME_WAIT" => "#fdae6b",
            "CLOSE_WAIT" or "LAST_ACK" => "#fdd0a2",
            "FIN_WAIT_1" or "FIN_WAIT_2" or "CLOSING" => "#fee6ce",
            _ => "#eeeeee",
        };
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x + 4}\" y=\"{y}\" width=\"{Column - 8}\" height=\"{BoxHeight}\" rx=\"4\" fill=\"{fill}\" stroke=\"#888\"/>")
           .Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (Column / 2)}\" y=\"{y + 19}\" text-anchor=\"middle\">{WebUtility.HtmlEncode(state)}</text>");
    }

    private static string Short(string step)
    {
        var cut = step.IndexOf(" (", StringComparison.Ordinal);
        return cut > 0 ? step[..cut] : step.Split(" — ")[0];
    }
}
