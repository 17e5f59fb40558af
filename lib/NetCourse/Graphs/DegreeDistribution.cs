using XPlot.Plotly;

namespace NetCourse.Graphs;

/// <summary>Degree distributions: for each degree k, the fraction of nodes that have k links, charted for several graphs.</summary>
public static class DegreeDistribution
{
    /// <summary>The fraction of nodes with each degree (degree -> fraction), lowest degree first.</summary>
    public static IReadOnlyList<(int Degree, double Fraction)> Of(Graph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return [.. graph.DegreeHistogram().Select(kv => (kv.Key, (double)kv.Value / graph.NodeCount))];
    }

    /// <summary>Degree distributions of several graphs on log-log axes, where a power law is a straight line.</summary>
    public static PlotlyChart Chart(params Graph[] graphs) => Chart(logLog: true, graphs);

    /// <summary>Degree distributions of several graphs, on log-log axes or on linear axes.</summary>
    public static PlotlyChart Chart(bool logLog, params Graph[] graphs)
    {
        ArgumentNullException.ThrowIfNull(graphs);
        var chart = XPlot.Plotly.Chart.Plot(graphs.Select(g =>
        {
            var points = Of(g).Where(p => !logLog || p.Degree > 0).ToList(); // log axes cannot show degree 0
            return new Scatter { x = points.Select(p => p.Degree), y = points.Select(p => p.Fraction), mode = logLog ? "markers" : "lines+markers", name = g.Name };
        }));
        chart.WithLayout(new Layout.Layout
        {
            title = logLog ? "Degree distribution (log-log)" : "Degree distribution",
            xaxis = new Xaxis { title = "degree k", type = logLog ? "log" : "linear" },
            yaxis = new Yaxis { title = "fraction of nodes with degree k", type = logLog ? "log" : "linear" },
        });
        return chart;
    }
}
