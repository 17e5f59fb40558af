namespace NetCourse;

/// <summary>
/// Barabási–Albert graphs: nodes arrive one at a time and link to existing nodes with probability proportional to
/// their degree, so the well-linked get more links and hubs appear (Barabási and Albert, Science, 1999).
/// </summary>
public static class PreferentialAttachmentGraph
{
    /// <summary>Grows a graph of <paramref name="nodes"/> nodes, each new node bringing <paramref name="m"/> links.</summary>
    /// <exception cref="ArgumentOutOfRangeException">m is not from 1 to nodes-1.</exception>
    public static Graph Grow(int nodes, int m, int seed = 42)
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
}
