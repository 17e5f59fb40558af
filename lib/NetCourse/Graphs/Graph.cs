using NetCourse.Display;
using XPlot.Plotly;

namespace NetCourse.Graphs;

/// <summary>An undirected graph: nodes 0..n-1 and links between them, built by a random process with a fixed seed.</summary>
public sealed class Graph : ITabular
{
    private readonly HashSet<int>[] _neighbours;

    /// <summary>Creates a graph with <paramref name="nodes"/> nodes and no links.</summary>
    public Graph(string name, int nodes)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfNegative(nodes);
        Name = name;
        _neighbours = [.. Enumerable.Range(0, nodes).Select(_ => new HashSet<int>())];
    }

    /// <summary>What the graph is, e.g. "random G(n, p)".</summary>
    public string Name { get; }

    /// <summary>Number of nodes.</summary>
    public int NodeCount => _neighbours.Length;

    /// <summary>Number of links.</summary>
    public int LinkCount => _neighbours.Sum(n => n.Count) / 2;

    /// <summary>Links a and b; returns false if they were already linked or a == b.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A node is not in the graph.</exception>
    public bool Link(int a, int b)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(a);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(a, NodeCount);
        ArgumentOutOfRangeException.ThrowIfNegative(b);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(b, NodeCount);
        return a != b && _neighbours[a].Add(b) && _neighbours[b].Add(a);
    }

    /// <summary>The degree (number of links) of a node.</summary>
    public int Degree(int node) => _neighbours[node].Count;

    /// <summary>How many nodes have each degree: degree -> count.</summary>
    public SortedDictionary<int, int> DegreeHistogram()
    {
        var histogram = new SortedDictionary<int, int>();
        foreach (var n in _neighbours)
        {
            histogram[n.Count] = histogram.GetValueOrDefault(n.Count) + 1;
        }

        return histogram;
    }

    /// <summary>Average number of hops between nodes, by breadth-first search from <paramref name="sources"/> sampled nodes.</summary>
    public double AveragePathLength(int sources = 50, int seed = 1)
    {
        var random = new Random(seed);
        long total = 0, pairs = 0;
        for (var s = 0; s < Math.Min(sources, NodeCount); s++)
        {
            var start = random.Next(NodeCount);
            var distance = new int[NodeCount];
            Array.Fill(distance, -1);
            distance[start] = 0;
            var queue = new Queue<int>([start]);
            while (queue.TryDequeue(out var node))
            {
                foreach (var next in _neighbours[node].Where(next => distance[next] < 0))
                {
                    distance[next] = distance[node] + 1;
                    total += distance[next];
                    pairs++;
                    queue.Enqueue(next);
                }
            }
        }

        return pairs == 0 ? 0 : (double)total / pairs;
    }

    /// <summary>
    /// Average clustering coefficient: for each node with two or more neighbours, the fraction of pairs of its
    /// neighbours that are linked to each other, averaged over those nodes (Watts and Strogatz's C).
    /// </summary>
    public double ClusteringCoefficient()
    {
        double total = 0;
        var counted = 0;
        foreach (var neighbours in _neighbours.Where(n => n.Count >= 2))
        {
            var list = neighbours.ToArray();
            var linked = 0;
            for (var i = 0; i < list.Length; i++)
            {
                for (var j = i + 1; j < list.Length; j++)
                {
                    if (_neighbours[list[i]].Contains(list[j]))
                    {
                        linked++;
                    }
                }
            }

            total += 2.0 * linked / (list.Length * (list.Length - 1));
            counted++;
        }

        return counted == 0 ? 0 : total / counted;
    }

    /// <summary>One row of statistics per graph: nodes, links, mean and max degree, clustering, average hops (sampled).</summary>
    public static HtmlTable Compare(params Graph[] graphs)
    {
        ArgumentNullException.ThrowIfNull(graphs);
        var table = new HtmlTable("graph", "nodes", "links", "mean degree", "max degree", "clustering", "avg hops (50 sources)")
        {
            Caption = "Graph statistics",
        };
        foreach (var g in graphs)
        {
            var degrees = Enumerable.Range(0, g.NodeCount).Select(g.Degree).DefaultIfEmpty(0).ToList();
            table.AddRow(g.Name, g.NodeCount, g.LinkCount, Format(degrees.Average()), degrees.Max(), Format(g.ClusteringCoefficient()),
                Format(g.AveragePathLength()));
        }

        return table;
    }

    /// <summary>Erdős–Rényi G(n, p): every pair of nodes is linked with probability p.</summary>
    public static Graph Random(int nodes, double p, int seed = 42)
    {
        if (p is < 0 or > 1 || double.IsNaN(p))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, $"Probability {p} is outside 0-1.");
        }

        var graph = new Graph($"random G(n={nodes}, p={p})", nodes);
        var random = new Random(seed);
        for (var a = 0; a < nodes; a++)
        {
            for (var b = a + 1; b < nodes; b++)
            {
                if (random.NextDouble() < p)
                {
                    graph.Link(a, b);
                }
            }
        }

        return graph;
    }

    /// <summary>
    /// Barabási–Albert preferential attachment: nodes arrive one at a time and link to <paramref name="m"/> existing
    /// nodes chosen with probability proportional to their degree, so the well-linked get more links.
    /// </summary>
    public static Graph PreferentialAttachment(int nodes, int m, int seed = 42)
    {
        if (m < 1 || m >= nodes)
        {
            throw new ArgumentOutOfRangeException(nameof(m), m, $"Links per new node {m} must be from 1 to nodes-1 ({nodes - 1}).");
        }

        var graph = new Graph($"preferential attachment (n={nodes}, m={m})", nodes);
        var random = new Random(seed);
        var ends = new List<int>(); // every link end once: picking from it is picking by degree
        for (var a = 0; a <= m; a++)
        {
            for (var b = a + 1; b <= m; b++)
            {
                graph.Link(a, b);
                ends.Add(a);
                ends.Add(b);
            }
        }

        for (var node = m + 1; node < nodes; node++)
        {
            var targets = new HashSet<int>();
            while (targets.Count < m)
            {
                targets.Add(ends[random.Next(ends.Count)]);
            }

            foreach (var target in targets)
            {
                graph.Link(node, target);
                ends.Add(node);
                ends.Add(target);
            }
        }

        return graph;
    }

    /// <summary>Degree distributions of several graphs on log-log axes, where a power law is a straight line.</summary>
    public static PlotlyChart DegreeChart(params Graph[] graphs) => DegreeChart(logLog: true, graphs);

    /// <summary>Degree distributions of several graphs, on log-log axes or on linear axes.</summary>
    public static PlotlyChart DegreeChart(bool logLog, params Graph[] graphs)
    {
        ArgumentNullException.ThrowIfNull(graphs);
        var chart = Chart.Plot(graphs.Select(g =>
        {
            var histogram = g.DegreeHistogram().Where(kv => kv.Key > 0).ToList();
            return new Scatter { x = histogram.Select(kv => kv.Key), y = histogram.Select(kv => (double)kv.Value / g.NodeCount), mode = logLog ? "markers" : "lines+markers", name = g.Name };
        }));
        chart.WithLayout(new Layout.Layout
        {
            title = logLog ? "Degree distribution (log-log)" : "Degree distribution",
            xaxis = new Xaxis { title = "degree k", type = logLog ? "log" : "linear" },
            yaxis = new Yaxis { title = "fraction of nodes with degree k", type = logLog ? "log" : "linear" },
        });
        return chart;
    }

    /// <inheritdoc/>
    public HtmlTable ToTable() => Compare(this);

    private static string Format(double value) => value.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
}
