
namespace NetCourse;

/// <summary>An undirected graph: nodes 0..n-1 and links between them, with the statistics lessons compare.</summary>
public sealed class Graph : ITabular
{
    /// <summary>How many source nodes <see cref="Compare"/> measures average hops from in a larger graph.</summary>
    public const int HopSources = 50;

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
    /// <exception cref="ArgumentOutOfRangeException">The node is not in the graph.</exception>
    public int Degree(int node)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(node);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(node, NodeCount);
        return _neighbours[node].Count;
    }

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

    /// <summary>The degree histogram as a table: one row per degree with the number of nodes that have it.</summary>
    public HtmlTable DegreeTable()
    {
        var table = new HtmlTable("degree", "nodes") { Caption = $"Degrees in {Name}" };
        foreach (var (degree, count) in DegreeHistogram())
        {
            table.AddRow(degree, count);
        }

        return table;
    }

    /// <summary>
    /// Average number of hops between nodes, by breadth-first search from <paramref name="sources"/> distinct nodes
    /// sampled at random (from every node when the graph has no more nodes than that).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">sources is below 1.</exception>
    public double AveragePathLength(int sources = HopSources, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sources, 1);
        var order = Enumerable.Range(0, NodeCount).ToArray();
        new Random(seed).Shuffle(order);
        long total = 0, pairs = 0;
        foreach (var start in order.Take(sources))
        {
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

    /// <summary>
    /// One row of statistics per graph: nodes, links, mean and max degree, clustering, and average hops by
    /// breadth-first search from <see cref="HopSources"/> distinct nodes (all of them in a smaller graph).
    /// </summary>
    public static HtmlTable Compare(params Graph[] graphs)
    {
        ArgumentNullException.ThrowIfNull(graphs);
        var hops = (graphs.Any(g => g.NodeCount > HopSources), graphs.All(g => g.NodeCount > HopSources)) switch
        {
            (false, _) => "from every node",
            (true, true) => $"from {HopSources} distinct nodes picked at random",
            _ => $"from {HopSources} distinct nodes picked at random, or every node of a graph with {HopSources} or fewer",
        };
        var table = new HtmlTable("graph", "nodes", "links", "mean degree", "max degree", "clustering", "avg hops")
        {
            Caption = $"Graph statistics (avg hops: breadth-first search {hops})",
        };
        foreach (var g in graphs)
        {
            var degrees = Enumerable.Range(0, g.NodeCount).Select(g.Degree).DefaultIfEmpty(0).ToList();
            table.AddRow(g.Name, g.NodeCount, g.LinkCount, Format(degrees.Average()), degrees.Max(), Format(g.ClusteringCoefficient()),
                Format(g.AveragePathLength(HopSources)));
        }

        return table;
    }

    /// <inheritdoc/>
    public HtmlTable ToTable() => Compare(this);

    private static string Format(double value) => value.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
}
