namespace NetCourse;

/// <summary>
/// Watts–Strogatz graphs: a ring lattice whose links are rewired at random with probability p. A few rewired links
/// act as shortcuts, so paths become nearly as short as in a random graph while neighbours stay linked to each other
/// (Watts and Strogatz, "Collective dynamics of 'small-world' networks", Nature, 1998).
/// </summary>
public static class SmallWorldGraph
{
    /// <summary>
    /// Builds a ring of <paramref name="nodes"/> nodes, each linked to its <paramref name="k"/> nearest neighbours
    /// (k/2 on each side), then moves the far end of each link to a random node with probability <paramref name="p"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// nodes is below 3, k is odd or not from 2 to nodes-1, or p is outside 0-1.
    /// </exception>
    public static Graph Rewire(int nodes, int k, double p, int seed = 42)
    {
        if (nodes < 3)
        {
            throw new ArgumentOutOfRangeException(nameof(nodes), nodes, $"Node count {nodes} is below 3, the smallest ring.");
        }

        if (k < 2 || k >= nodes || k % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"Neighbour count {k} must be even and from 2 to nodes-1 ({nodes - 1}).");
        }

        if (p is < 0 or > 1 || double.IsNaN(p))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, $"Probability {p} is outside 0-1.");
        }

        var neighbours = Enumerable.Range(0, nodes).Select(_ => new HashSet<int>()).ToArray();
        for (var node = 0; node < nodes; node++)
        {
            for (var step = 1; step <= k / 2; step++)
            {
                neighbours[node].Add((node + step) % nodes);
                neighbours[(node + step) % nodes].Add(node);
            }
        }

        // Watts and Strogatz's order: one lap of the ring per lattice distance; the new far end is any node
        // other than this one and its current neighbours, so there are no self-links and no duplicates.
        var random = new Random(seed);
        for (var step = 1; step <= k / 2; step++)
        {
            for (var node = 0; node < nodes; node++)
            {
                var far = (node + step) % nodes;
                if (random.NextDouble() >= p || !neighbours[node].Contains(far) || neighbours[node].Count >= nodes - 1)
                {
                    continue;
                }

                int target;
                do
                {
                    target = random.Next(nodes);
                }
                while (target == node || neighbours[node].Contains(target));

                neighbours[node].Remove(far);
                neighbours[far].Remove(node);
                neighbours[node].Add(target);
                neighbours[target].Add(node);
            }
        }

        var name = p == 0
            ? $"ring lattice (n={nodes}, k={k})"
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"small world (n={nodes}, k={k}, p={p})");
        var graph = new Graph(name, nodes);
        for (var node = 0; node < nodes; node++)
        {
            foreach (var other in neighbours[node])
            {
                graph.Link(node, other);
            }
        }

        return graph;
    }
}
