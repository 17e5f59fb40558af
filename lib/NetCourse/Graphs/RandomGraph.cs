namespace NetCourse;

/// <summary>Erdős–Rényi random graphs: links placed uniformly at random, from a seeded generator so a run can be repeated.</summary>
public static class RandomGraph
{
    /// <summary>G(n, p): every pair of nodes is linked with probability <paramref name="p"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The node count is negative or p is outside 0-1.</exception>
    public static Graph WithProbability(int nodes, double p, int seed = 42)
    {
        if (p is < 0 or > 1 || double.IsNaN(p))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, $"Probability {p} is outside 0-1.");
        }

        var graph = new Graph(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"random G(n={nodes}, p={p})"), nodes);
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

    /// <summary>G(n, m): exactly <paramref name="links"/> distinct links, each pair equally likely.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The node count is negative, or links is negative or more than n(n-1)/2.</exception>
    public static Graph WithLinkCount(int nodes, int links, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodes);
        var possible = (long)nodes * (nodes - 1) / 2;
        if (links < 0 || links > possible)
        {
            throw new ArgumentOutOfRangeException(nameof(links), links, $"Link count {links} must be from 0 to {possible}, the number of pairs of {nodes} nodes.");
        }

        var graph = new Graph($"random G(n={nodes}, m={links})", nodes);
        var random = new Random(seed);
        while (graph.LinkCount < links)
        {
            graph.Link(random.Next(nodes), random.Next(nodes));
        }

        return graph;
    }
}
