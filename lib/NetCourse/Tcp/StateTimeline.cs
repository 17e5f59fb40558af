using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace NetCourse;

/// <summary>
/// Draws observed connection lifecycles as timelines: one lane for each of the three sockets (client, listening,
/// accepted), a column per step, each box the state the operating system reported, and under each column what was done.
/// </summary>
public sealed class StateTimeline(params ConnectionLifecycle[] lifecycles) : IHtmlContent
{
    private const int LaneX = 130, Column = 150, Gap = 4, BoxHeight = 30, LaneStep = 40, LineHeight = 15, Margin = 10;

    // Wide enough for a 12 px sans-serif glyph in common fonts (capitals included), so estimated text never overflows its box.
    private const double CharWidth = 7.5;

    private static readonly string[] Lanes = ["client socket", "listening socket", "accepted socket"];

    /// <inheritdoc/>
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var layout = Layout();
        var svg = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{layout.Width}\" height=\"{layout.Height}\" font-family=\"sans-serif\" font-size=\"12\">");
        foreach (var box in layout.Boxes)
        {
            if (box.Kind == BoxKind.State)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{box.X}\" y=\"{box.Y}\" width=\"{box.Width}\" height=\"{box.Height}\" rx=\"4\" fill=\"{Fill(box.Lines[0])}\" stroke=\"#888\"/>");
            }

            var (x, anchor) = box.Kind is BoxKind.Title or BoxKind.Lane ? (box.X, "start") : (box.X + (box.Width / 2), "middle");
            var style = box.Kind switch { BoxKind.Title => " font-weight=\"bold\"", BoxKind.Label => " fill=\"#555\"", _ => "" };
            var firstBaseline = box.Kind == BoxKind.State ? box.Y + 19 : box.Y + LineHeight - 3;
            for (var i = 0; i < box.Lines.Count; i++)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{firstBaseline + (i * LineHeight)}\" text-anchor=\"{anchor}\"{style}>{Encode(box.Lines[i])}</text>");
            }
        }

        writer.Write(svg.Append("</svg>").ToString());

        string Encode(string text) => encoder?.Encode(text) ?? WebUtility.HtmlEncode(text);
    }

    /// <summary>Where everything is drawn: the canvas size and a box for every title, lane name, state and step label.</summary>
    internal (int Width, int Height, IReadOnlyList<Box> Boxes) Layout()
    {
        var steps = lifecycles.Length == 0 ? 0 : lifecycles.Max(l => l.Steps.Count);
        var width = LaneX + (steps * Column) + Margin;
        var boxes = new List<Box>();
        var top = Margin;
        foreach (var life in lifecycles)
        {
            boxes.Add(new Box(BoxKind.Title, 0, top, LaneX + (steps * Column), LineHeight, [life.ClientClosesFirst ? "Client closes first" : "Server closes first"]));
            var lanesTop = top + LineHeight + 10;
            for (var lane = 0; lane < Lanes.Length; lane++)
            {
                boxes.Add(new Box(BoxKind.Lane, 0, lanesTop + (lane * LaneStep) + 7, LaneX - Gap, LineHeight, [Lanes[lane]]));
            }

            var labelsTop = lanesTop + (Lanes.Length * LaneStep) + 4;
            var tallest = 0;
            for (var s = 0; s < life.Steps.Count; s++)
            {
                var step = life.Steps[s];
                var x = LaneX + (s * Column) + Gap;
                string[] states = [step.Client, step.Listener, step.Accepted];
                for (var lane = 0; lane < states.Length; lane++)
                {
                    boxes.Add(new Box(BoxKind.State, x, lanesTop + (lane * LaneStep), Column - (2 * Gap), BoxHeight, [states[lane]]));
                }

                var lines = Wrap(step.Step, Column - (2 * Gap));
                boxes.Add(new Box(BoxKind.Label, x, labelsTop, Column - (2 * Gap), lines.Count * LineHeight, lines));
                tallest = Math.Max(tallest, lines.Count * LineHeight);
            }

            top = labelsTop + tallest + 20;
        }

        return (width, Math.Max(top - 20 + Margin, 2 * Margin), boxes);
    }

    /// <summary>Breaks <paramref name="text"/> into lines whose estimated width fits <paramref name="width"/> pixels; words too long for a line are cut.</summary>
    internal static IReadOnlyList<string> Wrap(string text, int width)
    {
        var perLine = Math.Max(1, (int)(width / CharWidth));
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var rest = word;
            if (line.Length > 0 && line.Length + 1 + rest.Length > perLine)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            while (rest.Length > perLine)
            {
                lines.Add(rest[..perLine]);
                rest = rest[perLine..];
            }

            line.Append(line.Length > 0 ? " " : "").Append(rest);
        }

        if (line.Length > 0 || lines.Count == 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }

    private static string Fill(string state) => state switch
    {
        "LISTEN" => "#c6dbef",
        "ESTABLISHED" => "#a1d99b",
        "TIME_WAIT" => "#fdae6b",
        "CLOSE_WAIT" or "LAST_ACK" => "#fdd0a2",
        "FIN_WAIT_1" or "FIN_WAIT_2" or "CLOSING" => "#fee6ce",
        _ => "#eeeeee",
    };

    /// <summary>What a box of the layout holds.</summary>
    internal enum BoxKind
    {
        Title,
        Lane,
        State,
        Label,
    }

    /// <summary>A rectangle of the drawing and the lines of text in it.</summary>
    internal sealed record Box(BoxKind Kind, int X, int Y, int Width, int Height, IReadOnlyList<string> Lines);
}
