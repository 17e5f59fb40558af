using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using XPlot.Plotly;

namespace NetCourse;

/// <summary>
/// Draws a <see cref="PlotlyChart"/> as a static SVG (title, axes with ticks and titles, a legend for several series,
/// one <c>&lt;g class="series"&gt;</c> per trace), for pages where plotly.js cannot run: nbconvert HTML opened
/// offline, GitHub, nbviewer. Reads the same traces and layout that plotly.js gets; scatter, bar and histogram traces.
/// </summary>
internal static partial class ChartSvg
{
    /// <summary>The class of the root element, so the plotly script can remove the drawing it replaces.</summary>
    public const string RootClass = "netcourse-chart";

    /// <summary>The MIME type of the drawing as an output of its own.</summary>
    public const string MimeType = "image/svg+xml";

    private const double Left = 80, Top = 56, Bottom = 64, RightPad = 24, CharWidth = 0.58;
    private static readonly string[] Colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>plotly.js's default colour for the trace at <paramref name="index"/>.</summary>
    public static string Color(int index) => Colors[index % Colors.Length];

    /// <summary>The chart as a standalone SVG element of the chart's width and height.</summary>
    public static string Render(PlotlyChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var js = chart.GetPlottingJS();
        var data = JsonNode.Parse(Declared(js, "data") ?? "[]") as JsonArray ?? [];
        var layout = JsonNode.Parse(Declared(js, "layout") ?? "{}") as JsonObject ?? [];
        return Render(data, layout, chart.Width, chart.Height);
    }

    private static string? Declared(string js, string variable) =>
        DeclarationPattern().Matches(js).FirstOrDefault(m => m.Groups[1].Value == variable)?.Groups[2].Value;

    private static string Render(JsonArray data, JsonObject layout, int width, int height)
    {
        var series = data.Select((trace, i) => Series.Read(trace as JsonObject ?? [], i)).ToList();
        var categorical = series.Any(s => s.Type == "bar" || s.Categories.Count > 0);
        var categories = series.SelectMany(s => s.Categories).Distinct().ToList();
        var xAxis = layout["xaxis"] as JsonObject;
        var yAxis = layout["yaxis"] as JsonObject;
        var xLog = (string?)xAxis?["type"] == "log" && !categorical;
        var yLog = (string?)yAxis?["type"] == "log";

        var legend = series.Where(s => s.InLegend).ToList();
        var showLegend = layout["showlegend"] is JsonValue shown && shown.TryGetValue<bool>(out var forced) ? forced : legend.Count > 1;
        var legendWidth = showLegend ? Math.Min(width / 3.0, 36 + (legend.Select(s => s.Name.Length).DefaultIfEmpty(0).Max() * 12 * CharWidth)) : 0;
        var plot = new Box(Left, Top, Math.Max(width - Left - RightPad - legendWidth, 40), Math.Max(height - Top - Bottom, 40));

        var bins = series.Where(s => s.Type == "histogram").ToDictionary(s => s.Index, s => Histogram(s.X));
        var xs = categorical
            ? new Axis(categories.Count == 0 ? 1 : categories.Count, plot.Left, plot.Width)
            : Axis.For(series.SelectMany(s => s.Type == "histogram" ? bins[s.Index].SelectMany(b => new[] { b.From, b.To }) : s.X), xLog, false, plot.Left, plot.Width);
        var ys = Axis.For(series.SelectMany(s => s.Type == "histogram" ? bins[s.Index].Select(b => (double)b.Count) : s.Y), yLog,
            series.Any(s => s.Type is "bar" or "histogram"), plot.Top + plot.Height, -plot.Height);

        var svg = new StringBuilder().Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{RootClass}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" style=\"display: block\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\">"));
        var title = Title(layout["title"]);
        svg.Append(Invariant($"<rect width=\"{width}\" height=\"{height}\" fill=\"#fff\"/>"))
           .Append(Invariant($"<text class=\"title\" x=\"{width / 2.0:0.#}\" y=\"30\" text-anchor=\"middle\" font-size=\"{FitFont(title, 17, width - 20):0.#}\">{Escape(title)}</text>"));

        DrawXAxis(svg, xs, plot, categorical ? categories : null, Title(xAxis?["title"]));
        DrawYAxis(svg, ys, plot, Title(yAxis?["title"]));

        var barmode = (string?)layout["barmode"] ?? "group";
        var barTraces = series.Where(s => s.Type == "bar").ToList();
        foreach (var s in series)
        {
            // Bars and bins share their series' fill, set once on the group.
            var fill = s.Type is "bar" or "histogram"
                ? Invariant($" fill=\"{s.Color}\" fill-opacity=\"{s.Opacity ?? (s.Type == "bar" ? 1 : 0.75):0.##}\" stroke=\"#fff\" stroke-width=\"0.5\"")
                : "";
            svg.Append(Invariant($"<g class=\"series\" data-series=\"{s.Index}\" data-type=\"{Escape(s.Type)}\" data-name=\"{Escape(s.Name)}\"{fill}>"));
            switch (s.Type)
            {
                case "bar":
                    DrawBars(svg, s, categories, xs, ys, barmode == "group" ? barTraces.IndexOf(s) : 0, barmode == "group" ? barTraces.Count : 1);
                    break;
                case "histogram":
                    foreach (var bin in bins[s.Index].Where(b => b.Count > 0))
                    {
                        Rect(svg, xs.Map(bin.From), ys.Map(bin.Count), xs.Map(bin.To), ys.Map(ys.Base));
                    }

                    break;
                default:
                    DrawScatter(svg, s, categorical ? s.Categories.Select(c => (double)categories.IndexOf(c)).ToList() : s.X, xs, ys);
                    break;
            }

            svg.Append("</g>");
        }

        if (showLegend)
        {
            DrawLegend(svg, legend, plot.Left + plot.Width + 16, plot.Top, width);
        }

        return svg.Append("</svg>").ToString();
    }

    private static void DrawXAxis(StringBuilder svg, Axis axis, Box plot, IReadOnlyList<string>? categories, string title)
    {
        var bottom = plot.Top + plot.Height;
        svg.Append("<g class=\"xaxis\" fill=\"#444\">");
        var ticks = categories is null ? axis.Ticks() : categories.Select((c, i) => (Value: (double)i, Label: c)).ToList();
        foreach (var (value, label) in ticks)
        {
            var x = axis.Map(value);
            svg.Append(Invariant($"<line x1=\"{x:0.#}\" y1=\"{plot.Top:0.#}\" x2=\"{x:0.#}\" y2=\"{bottom:0.#}\" stroke=\"#e5e5e5\"/>"))
               .Append(Invariant($"<text class=\"tick\" x=\"{x:0.#}\" y=\"{bottom + 18:0.#}\" text-anchor=\"middle\">{Escape(label)}</text>"));
        }

        svg.Append(Invariant($"<line x1=\"{plot.Left:0.#}\" y1=\"{bottom:0.#}\" x2=\"{plot.Left + plot.Width:0.#}\" y2=\"{bottom:0.#}\" stroke=\"#444\"/>"))
           .Append(Invariant($"<text class=\"axis-title\" x=\"{plot.Left + (plot.Width / 2):0.#}\" y=\"{bottom + 46:0.#}\" text-anchor=\"middle\" font-size=\"{FitFont(title, 13, plot.Width + Left):0.#}\">{Escape(title)}</text>"))
           .Append("</g>");
    }

    private static void DrawYAxis(StringBuilder svg, Axis axis, Box plot, string title)
    {
        svg.Append("<g class=\"yaxis\" fill=\"#444\">");
        foreach (var (value, label) in axis.Ticks())
        {
            var y = axis.Map(value);
            svg.Append(Invariant($"<line x1=\"{plot.Left:0.#}\" y1=\"{y:0.#}\" x2=\"{plot.Left + plot.Width:0.#}\" y2=\"{y:0.#}\" stroke=\"#e5e5e5\"/>"))
               .Append(Invariant($"<text class=\"tick\" x=\"{plot.Left - 6:0.#}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{Escape(label)}</text>"));
        }

        var middle = plot.Top + (plot.Height / 2);
        svg.Append(Invariant($"<line x1=\"{plot.Left:0.#}\" y1=\"{plot.Top:0.#}\" x2=\"{plot.Left:0.#}\" y2=\"{plot.Top + plot.Height:0.#}\" stroke=\"#444\"/>"))
           .Append(Invariant($"<text class=\"axis-title\" x=\"18\" y=\"{middle:0.#}\" text-anchor=\"middle\" transform=\"rotate(-90 18 {middle:0.#})\" font-size=\"{FitFont(title, 13, plot.Height + Top):0.#}\">{Escape(title)}</text>"))
           .Append("</g>");
    }

    private static void DrawBars(StringBuilder svg, Series s, List<string> categories, Axis xs, Axis ys, int slot, int slots)
    {
        var slotWidth = 0.8 / slots;
        for (var i = 0; i < s.Categories.Count && i < s.Y.Count; i++)
        {
            var from = categories.IndexOf(s.Categories[i]) - 0.4 + (slot * slotWidth);
            Rect(svg, xs.Map(from), ys.Map(s.Y[i]), xs.Map(from + slotWidth), ys.Map(ys.Base));
        }
    }

    private static void DrawScatter(StringBuilder svg, Series s, List<double> xValues, Axis xs, Axis ys)
    {
        var points = new List<(double X, double Y)>();
        for (var i = 0; i < xValues.Count && i < s.Y.Count; i++)
        {
            if (xs.CanShow(xValues[i]) && ys.CanShow(s.Y[i]))
            {
                points.Add((xs.Map(xValues[i]), ys.Map(s.Y[i])));
            }
        }

        var mode = s.Mode ?? (points.Count < 20 ? "lines+markers" : "lines");
        if (mode.Contains("lines", StringComparison.Ordinal) && points.Count > 1)
        {
            var line = new StringBuilder();
            (double X, double Y)? last = null;
            foreach (var p in points)
            {
                // Points closer than half a pixel to the last one drawn add nothing but bytes (a CDF of 2,000 values).
                if (last is { } l && Math.Abs(p.X - l.X) < 0.5 && Math.Abs(p.Y - l.Y) < 0.5 && p != points[^1])
                {
                    continue;
                }

                line.Append(Invariant($"{(last is null ? "" : " ")}{p.X:0.#},{p.Y:0.#}"));
                last = p;
            }

            svg.Append(Invariant($"<polyline points=\"{line}\" fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"2\"/>"));
        }

        if (mode.Contains("markers", StringComparison.Ordinal))
        {
            foreach (var (x, y) in points)
            {
                svg.Append(Invariant($"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"{s.MarkerRadius:0.#}\" fill=\"{s.Color}\"/>"));
            }
        }
    }

    private static void DrawLegend(StringBuilder svg, List<Series> legend, double x, double y, int width)
    {
        // Names longer than the room left of the canvas edge are cut with an ellipsis; the full name is its tooltip.
        var room = Math.Max((int)((width - x - 32) / (12 * CharWidth)), 4);
        svg.Append("<g class=\"legend\">");
        for (var i = 0; i < legend.Count; i++)
        {
            var s = legend[i];
            var top = y + (i * 22);
            svg.Append(s.Type == "scatter" && s.Mode != "markers"
                ? Invariant($"<line x1=\"{x:0.#}\" y1=\"{top + 8:0.#}\" x2=\"{x + 22:0.#}\" y2=\"{top + 8:0.#}\" stroke=\"{s.Color}\" stroke-width=\"2\"/>")
                : Invariant($"<rect x=\"{x + 4:0.#}\" y=\"{top + 2:0.#}\" width=\"14\" height=\"12\" fill=\"{s.Color}\" fill-opacity=\"{s.Opacity ?? 1:0.##}\"/>"))
               .Append(Invariant($"<text x=\"{x + 28:0.#}\" y=\"{top + 12:0.#}\" fill=\"#444\">"))
               .Append(s.Name.Length <= room ? Escape(s.Name) : Invariant($"<title>{Escape(s.Name)}</title>{Escape(s.Name[..(room - 1)])}…"))
               .Append("</text>");
        }

        svg.Append("</g>");
    }

    private static void Rect(StringBuilder svg, double x1, double y1, double x2, double y2) =>
        svg.Append(Invariant($"<rect x=\"{Math.Min(x1, x2):0.#}\" y=\"{Math.Min(y1, y2):0.#}\" width=\"{Math.Abs(x2 - x1):0.#}\" height=\"{Math.Abs(y2 - y1):0.#}\"/>"));

    /// <summary>Bins like plotly.js's automatic ones: width about 2σ/n^0.4 rounded up to 1, 2 or 5 × 10^k, edges on multiples of it.</summary>
    internal static List<(double From, double To, int Count)> Histogram(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return [];
        }

        var mean = values.Average();
        var spread = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
        var rough = spread > 0 ? 2 * spread / Math.Pow(values.Count, 0.4) : Math.Max(Math.Abs(mean), 1) / 10;
        var size = Nice(rough, [2, 5, 10]);
        var first = Math.Floor(values.Min() / size);
        var counts = new SortedDictionary<long, int>();
        foreach (var v in values)
        {
            var bin = (long)Math.Floor(v / size) - (long)first;
            counts[bin] = counts.GetValueOrDefault(bin) + 1;
        }

        var last = counts.Keys.Max();
        return [.. Enumerable.Range(0, (int)last + 1).Select(i => ((first + i) * size, (first + i + 1) * size, counts.GetValueOrDefault(i)))];
    }

    /// <summary>The smallest of <paramref name="steps"/> × 10^k (k whole) at or above <paramref name="rough"/>.</summary>
    private static double Nice(double rough, double[] steps)
    {
        var unit = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        return unit * steps.First(s => s * unit >= rough * (1 - 1e-9));
    }

    private static double FitFont(string text, double size, double room) => Math.Clamp(room / Math.Max(text.Length * CharWidth, 1), 8, size);

    private static string Title(JsonNode? title) => title switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonObject box => (string?)box["text"] ?? "",
        _ => "",
    };

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"var (data|layout) = (.*);\s*$", RegexOptions.Multiline)]
    private static partial Regex DeclarationPattern();

    private readonly record struct Box(double Left, double Top, double Width, double Height);

    private sealed record Series(int Index, string Type, string Name, bool InLegend, string? Mode, double? Opacity, List<double> X, List<double> Y, List<string> Categories)
    {
        /// <summary>The trace's own colour (its line's for lines, else its markers'), escaped, or plotly's default.</summary>
        public string Color { get; private init; } = ChartSvg.Color(Index);

        /// <summary>Half the trace's marker size (plotly's size is a diameter, 6 by default).</summary>
        public double MarkerRadius { get; private init; } = 3;

        public static Series Read(JsonObject trace, int index)
        {
            var type = (string?)trace["type"] ?? "scatter";
            var x = trace["x"] as JsonArray ?? [];
            var categorical = type == "bar" || x.Any(v => v is JsonValue value && value.TryGetValue<string>(out _));
            return new Series(
                index,
                type,
                (string?)trace["name"] ?? $"trace {index}",
                trace["showlegend"] is not JsonValue shown || !shown.TryGetValue<bool>(out var show) || show,
                (string?)trace["mode"],
                trace["opacity"] is JsonValue opacity && opacity.TryGetValue<double>(out var o) ? o : null,
                categorical ? [] : Numbers(x),
                Numbers(trace["y"] as JsonArray ?? []),
                categorical ? [.. x.Select(v => v?.ToString() ?? "")] : [])
            {
                MarkerRadius = trace["marker"]?["size"] is JsonValue size && size.TryGetValue<double>(out var diameter) ? Math.Clamp(diameter / 2, 1, 20) : 3,
                Color = Escape((string?)(type == "scatter" ? trace["line"]?["color"] ?? trace["marker"]?["color"] : trace["marker"]?["color"]) ?? ChartSvg.Color(index)),
            };
        }

        private static List<double> Numbers(JsonArray values) =>
            [.. values.Select(v => v is JsonValue value && value.TryGetValue<double>(out var d) ? d : double.NaN)];
    }

    /// <summary>Maps data values to pixels along one axis: linear or log10, or category positions 0..n-1.</summary>
    private sealed class Axis
    {
        private readonly double _low, _high, _start, _length, _step;
        private readonly bool _log, _categories;

        public Axis(int categories, double start, double length)
        {
            (_low, _high, _start, _length, _categories) = (-0.5, categories - 0.5, start, length, true);
        }

        private Axis(double low, double high, double step, bool log, double start, double length)
        {
            (_low, _high, _step, _log, _start, _length) = (low, high, step, log, start, length);
        }

        /// <summary>Where bars and histograms stand: 0, or the bottom of a log axis.</summary>
        public double Base => _log ? Math.Pow(10, _low) : 0;

        public static Axis For(IEnumerable<double> values, bool log, bool fromZero, double start, double length)
        {
            var shown = values.Where(v => double.IsFinite(v) && (!log || v > 0)).ToList();
            if (log)
            {
                var low = shown.Count == 0 ? 0 : Math.Floor(Math.Log10(shown.Min()) + 1e-9);
                var high = shown.Count == 0 ? 1 : Math.Ceiling(Math.Log10(shown.Max()) - 1e-9);
                return new Axis(low, Math.Max(high, low + 1), 1, true, start, length);
            }

            var min = shown.Count == 0 ? 0 : shown.Min();
            var max = shown.Count == 0 ? 1 : shown.Max();
            if (fromZero)
            {
                (min, max) = (Math.Min(min, 0), Math.Max(max, 0));
            }

            if (max - min < 1e-12)
            {
                (min, max) = (min - Math.Max(Math.Abs(min) / 2, 1), max + Math.Max(Math.Abs(max) / 2, 1));
            }

            var step = Nice((max - min) / 6, [1, 2, 2.5, 5, 10]);
            return new Axis(Math.Floor((min / step) + 1e-9) * step, Math.Ceiling((max / step) - 1e-9) * step, step, false, start, length);
        }

        public bool CanShow(double value) => double.IsFinite(value) && (!_log || value > 0);

        public double Map(double value)
        {
            var v = _log ? Math.Log10(Math.Max(value, double.Epsilon)) : value;
            return _start + ((v - _low) / (_high - _low) * _length);
        }

        public List<(double Value, string Label)> Ticks()
        {
            if (_categories)
            {
                return [];
            }

            if (_log)
            {
                var decades = Enumerable.Range((int)_low, (int)(_high - _low) + 1).Select(k => Math.Pow(10, k)).ToList();
                var multiples = _high - _low <= 2 ? new[] { 1.0, 2, 5 } : [1.0];
                return [.. decades.SelectMany(d => multiples.Select(m => m * d)).Where(v => Math.Log10(v) <= _high + 1e-9).Select(v => (v, Label(v, v)))];
            }

            var count = (int)Math.Round((_high - _low) / _step);
            return [.. Enumerable.Range(0, count + 1).Select(i => _low + (i * _step)).Select(v => (v, Label(v, _step)))];
        }

        private static string Label(double value, double precision)
        {
            var decimals = Math.Clamp((int)-Math.Floor(Math.Log10(precision) + 1e-9) + (Math.Abs((precision / Math.Pow(10, Math.Floor(Math.Log10(precision)))) - 2.5) < 1e-9 ? 1 : 0), 0, 10);
            return (Math.Round(value, decimals) + 0.0).ToString("#,0." + new string('#', decimals), CultureInfo.InvariantCulture);
        }
    }
}
