using System.Globalization;
using XPlot.Plotly;

namespace NetCourse;

/// <summary>A named set of durations in microseconds with its summary statistics, a histogram and a CDF.</summary>
public sealed class TimingSample : ITabular
{
    private readonly double[] _sorted;

    /// <summary>Creates a sample; <paramref name="microseconds"/> must not be empty.</summary>
    /// <exception cref="ArgumentException">The sample is empty.</exception>
    public TimingSample(string label, IEnumerable<double> microseconds)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(microseconds);
        Label = label;
        Values = [.. microseconds];
        if (Values.Count == 0)
        {
            throw new ArgumentException($"Sample '{label}' is empty.", nameof(microseconds));
        }

        _sorted = [.. Values.Order()];
    }

    /// <summary>What was measured.</summary>
    public string Label { get; }

    /// <summary>The durations in measurement order, in microseconds.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>Number of measurements.</summary>
    public int Count => Values.Count;

    /// <summary>Smallest value.</summary>
    public double Min => _sorted[0];

    /// <summary>Largest value.</summary>
    public double Max => _sorted[^1];

    /// <summary>Arithmetic mean.</summary>
    public double Mean => Values.Average();

    /// <summary>Sample standard deviation.</summary>
    public double StdDev => Count < 2 ? 0 : Math.Sqrt(Values.Sum(v => (v - Mean) * (v - Mean)) / (Count - 1));

    /// <summary>Median (nearest rank).</summary>
    public double P50 => Percentile(50);

    /// <summary>90th percentile.</summary>
    public double P90 => Percentile(90);

    /// <summary>99th percentile.</summary>
    public double P99 => Percentile(99);

    /// <summary>Any percentile (nearest rank).</summary>
    public double Percentile(double percent) => Percentiles.NearestRank(_sorted, percent);

    /// <summary>A table comparing several samples side by side, with each median as a ratio of the first one's.</summary>
    public static HtmlTable Compare(params TimingSample[] samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var table = new HtmlTable("measured", "n", "min µs", "p50 µs", "p90 µs", "p99 µs", "max µs", "p50 vs first") { Caption = "Side by side" };
        foreach (var s in samples)
        {
            table.AddRow(s.Label, s.Count, F(s.Min), F(s.P50), F(s.P90), F(s.P99), F(s.Max), $"{s.P50 / samples[0].P50:0.00}x");
        }

        return table;
    }

    /// <summary>Histograms of several samples overlaid, with the x axis in microseconds (cut at the largest p99 so the tail does not hide the body; the axis title says how many values were left out).</summary>
    public static PlotlyChart Histogram(string title, params TimingSample[] samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var cut = samples.Max(s => s.P99);
        var chart = Chart.Plot(samples.Select(s => new Histogram { x = s.Values.Where(v => v <= cut), name = s.Label, opacity = 0.6 }));
        var left = samples.Sum(s => s.Values.Count(v => v > cut));
        var axis = $"microseconds (cut at the largest p99, {cut.ToString("0.0", CultureInfo.InvariantCulture)} µs: {left} of {samples.Sum(s => s.Count)} values above it not shown)";
        chart.WithLayout(new Layout.Layout { title = title, barmode = "overlay", xaxis = new Xaxis { title = axis }, yaxis = new Yaxis { title = "connections" } });
        return chart;
    }

    /// <summary>Cumulative distributions of several samples, with each one's p50, p90 and p99 marked (labelled on hover).</summary>
    public static PlotlyChart Cdf(string title, params TimingSample[] samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var traces = new List<Trace>();
        foreach (var (s, k) in samples.Select((s, k) => (s, k)))
        {
            // A sample's percentile markers take its line's colour, not the next default one.
            var color = ChartSvg.Color(k);
            traces.Add(new Scatter { x = s._sorted, y = s._sorted.Select((_, i) => (i + 1.0) / s.Count), name = s.Label, mode = "lines", legendgroup = s.Label, line = new Line { color = color } });
            traces.Add(new Scatter
            {
                marker = new Marker { color = color, size = 8 },
                x = new[] { s.P50, s.P90, s.P99 },
                y = new[] { 0.5, 0.9, 0.99 },
                text = new[] { $"{s.Label} p50", $"{s.Label} p90", $"{s.Label} p99" },
                mode = "markers",
                legendgroup = s.Label,
                showlegend = false,
                name = $"{s.Label} percentiles",
            });
        }

        var chart = Chart.Plot(traces);
        chart.WithLayout(new Layout.Layout
        {
            title = title,
            xaxis = new Xaxis { title = "microseconds (log scale)", type = "log" },
            yaxis = new Yaxis { title = "fraction of connections at or below" },
        });
        return chart;
    }

    /// <inheritdoc/>
    public HtmlTable ToTable() =>
        new HtmlTable("n", "min µs", "p50 µs", "p90 µs", "p99 µs", "max µs", "mean µs", "stddev µs") { Caption = Label }
            .AddRow(Count, F(Min), F(P50), F(P90), F(P99), F(Max), F(Mean), F(StdDev));

    private static string F(double value) => value.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
}
