using XPlot.Plotly;

namespace NetCourse;

/// <summary>Degree distributions: for each degree k, the fraction of nodes that have k links (or at least k), charted for several graphs.</summary>
public static class DegreeDistribution
{
    /// <summary>The fraction of nodes with each degree (degree -> fraction), lowest degree first.</summary>
    public static IReadOnlyList<(int Degree, double Fraction)> Of(Graph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return [.. graph.DegreeHistogram().Select(kv => (kv.Key, (double)kv.Value / graph.NodeCount))];
    }

    /// <summary>
    /// The complementary cumulative distribution P(K ≥ k): for each degree k present in the graph, the fraction of
    /// nodes with degree k or more, lowest degree first (so the first fraction is 1).
    /// </summary>
    public static IReadOnlyList<(int Degree, double Fraction)> AtLeast(Graph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var remaining = graph.NodeCount;
        var points = new List<(int, double)>();
        foreach (var (degree, count) in graph.DegreeHistogram())
        {
            points.Add((degree, (double)remaining / graph.NodeCount));
            remaining -= count;
        }

        return points;
    }

    /// <summary>Degree distributions of several graphs on linear axes: fraction of nodes against degree k.</summary>
    public static PlotlyChart Chart(params Graph[] graphs)
    {
        ArgumentNullException.ThrowIfNull(graphs);
        return Plot(graphs, Of, "Degree distribution", "linear", "fraction of nodes with degree k");
    }

    /// <summary>
    /// P(K ≥ k) of several graphs on log-log axes. A power law P(k) ~ k^-γ gives P(K ≥ k) ~ k^-(γ-1), a straight
    /// line, and unlike the plain fractions the curve does not flatten at 1/n where single nodes hold each degree.
    /// </summary>
    public static PlotlyChart CumulativeChart(params Graph[] graphs)
    {
        ArgumentNullException.ThrowIfNull(graphs);
        return Plot(graphs, g => [.. AtLeast(g).Where(p => p.Degree > 0)], // log axes cannot show degree 0
            "Degree distribution, P(degree ≥ k) (log-log)", "log", "fraction of nodes with degree ≥ k");
    }

    private static PlotlyChart Plot(Graph[] graphs, Func<Graph, IReadOnlyList<(int Degree, double Fraction)>> points, string title, string axes, string yTitle)
    {
        var chart = XPlot.Plotly.Chart.Plot(graphs.Select(g =>
        {
            var series = points(g);
            return new Scatter { x = series.Select(p => p.Degree), y = series.Select(p => p.Fraction), mode = "lines+markers", name = g.Name };
        }));
        chart.WithLayout(new Layout.Layout
        {
            title = title,
            xaxis = new Xaxis { title = "degree k", type = axes },
            yaxis = new Yaxis { title = yTitle, type = axes },
        });
        return chart;
    }
}
