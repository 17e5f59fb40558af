
namespace NetCourse.Tests.Graphs;

public class GraphTests
{
    [Test]
    public void Link_Counts_Each_Pair_Once_And_Ignores_Self_Links()
    {
        var graph = new Graph("test", 3);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(graph.Link(0, 1), Is.True);
            Assert.That(graph.Link(1, 0), Is.False);
            Assert.That(graph.Link(2, 2), Is.False);
            Assert.That(graph.LinkCount, Is.EqualTo(1));
            Assert.That(graph.Degree(0), Is.EqualTo(1));
        }
    }

    [TestCase(-1, 0)]
    [TestCase(0, 3)]
    public void Link_To_A_Node_Outside_The_Graph_Is_Rejected(int a, int b) =>
        Assert.That(() => new Graph("test", 3).Link(a, b), Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public void Degree_Histogram_Of_A_Star_Has_One_Hub()
    {
        var star = new Graph("star", 5);
        foreach (var leaf in new[] { 1, 2, 3, 4 })
        {
            star.Link(0, leaf);
        }

        Assert.That(star.DegreeHistogram(), Is.EqualTo(new SortedDictionary<int, int> { [1] = 4, [4] = 1 }));
    }

    [Test]
    public void Clustering_Of_A_Triangle_Is_One_And_Of_A_Star_Is_Zero()
    {
        var triangle = new Graph("triangle", 3);
        triangle.Link(0, 1);
        triangle.Link(1, 2);
        triangle.Link(2, 0);
        var star = new Graph("star", 4);
        star.Link(0, 1);
        star.Link(0, 2);
        star.Link(0, 3);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(triangle.ClusteringCoefficient(), Is.EqualTo(1.0));
            Assert.That(star.ClusteringCoefficient(), Is.Zero);
        }
    }

    [Test]
    public void Average_Path_Length_Of_A_Path_Graph_Matches_Counted_Hops()
    {
        var path = new Graph("path", 3); // 0 - 1 - 2: from 0: 1,2; from 1: 1,1; from 2: 1,2
        path.Link(0, 1);
        path.Link(1, 2);

        Assert.That(path.AveragePathLength(sources: 1000), Is.InRange(1.0, 1.5));
    }

    [Test]
    public void Same_Seed_Gives_The_Same_Random_Graph()
    {
        var first = RandomGraph.WithProbability(300, 0.02, seed: 5);
        var second = RandomGraph.WithProbability(300, 0.02, seed: 5);

        Assert.That(second.DegreeHistogram(), Is.EqualTo(first.DegreeHistogram()));
    }

    [Test]
    public void Random_Graph_Mean_Degree_Is_Close_To_N_Minus_One_Times_P()
    {
        const int n = 1000;
        const double p = 0.01;
        var graph = RandomGraph.WithProbability(n, p, seed: 3);

        Assert.That(2.0 * graph.LinkCount / n, Is.EqualTo((n - 1) * p).Within(10).Percent);
    }

    [Test]
    public void Preferential_Attachment_Adds_M_Links_Per_New_Node()
    {
        const int n = 500, m = 3;
        var graph = PreferentialAttachmentGraph.Grow(n, m, seed: 1);

        Assert.That(graph.LinkCount, Is.EqualTo((m * (m + 1) / 2) + ((n - m - 1) * m)));
    }

    [Test]
    public void Preferential_Attachment_Grows_Hubs_Far_Above_The_Random_Maximum()
    {
        var random = RandomGraph.WithProbability(2000, 0.003, seed: 7);
        var growing = PreferentialAttachmentGraph.Grow(2000, 3, seed: 7);

        Assert.That(growing.DegreeHistogram().Keys.Max(), Is.GreaterThan(3 * random.DegreeHistogram().Keys.Max()));
    }

    [TestCase(-0.1)]
    [TestCase(1.5)]
    [TestCase(double.NaN)]
    public void Probability_Outside_Zero_To_One_Is_Rejected_Naming_It(double p) =>
        Assert.That(() => RandomGraph.WithProbability(10, p), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("outside 0-1"));

    [TestCase(0)]
    [TestCase(10)]
    public void Links_Per_New_Node_Outside_One_To_N_Minus_One_Is_Rejected(int m) =>
        Assert.That(() => PreferentialAttachmentGraph.Grow(10, m), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains($"{m}"));

    [Test]
    public void Compare_Lists_One_Row_Per_Graph()
    {
        var table = Graph.Compare(RandomGraph.WithProbability(50, 0.1, seed: 1), PreferentialAttachmentGraph.Grow(50, 2, seed: 1));

        Assert.That(table.Rows, Has.Count.EqualTo(2));
    }

    [Test]
    public void Random_Graph_With_Link_Count_Has_Exactly_That_Many_Links() =>
        Assert.That(RandomGraph.WithLinkCount(100, 250, seed: 2).LinkCount, Is.EqualTo(250));

    [TestCase(-1)]
    [TestCase(46)]
    public void Link_Count_Beyond_The_Number_Of_Pairs_Is_Rejected(int links) =>
        Assert.That(() => RandomGraph.WithLinkCount(10, links), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("from 0 to 45"));

    [Test]
    public void Degree_Distribution_Fractions_Sum_To_One()
    {
        var distribution = DegreeDistribution.Of(PreferentialAttachmentGraph.Grow(300, 2, seed: 4));

        Assert.That(distribution.Sum(d => d.Fraction), Is.EqualTo(1.0).Within(1e-9));
    }

    [Test]
    public void Degree_Table_Has_One_Row_Per_Degree_With_Node_Counts()
    {
        var star = new Graph("star", 5);
        foreach (var leaf in new[] { 1, 2, 3, 4 })
        {
            star.Link(0, leaf);
        }

        var table = star.DegreeTable();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(table.Columns, Is.EqualTo(new[] { "degree", "nodes" }));
            Assert.That(table.Rows, Is.EqualTo(new[] { new[] { "1", "4" }, new[] { "4", "1" } }));
        }
    }

    [Test]
    public void Average_Path_Length_Of_A_Small_Graph_Uses_Every_Node_Once()
    {
        var path = new Graph("path", 3); // every source: (1+2) + (1+1) + (1+2) = 8 hops over 6 pairs
        path.Link(0, 1);
        path.Link(1, 2);

        foreach (var seed in new[] { 1, 2, 3 })
        {
            Assert.That(path.AveragePathLength(sources: 50, seed: seed), Is.EqualTo(8.0 / 6));
        }
    }

    [Test]
    public void Compare_Says_How_Average_Hops_Were_Measured()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Graph.Compare(new Graph("small", 5)).Caption, Does.Contain("from every node"));
            Assert.That(Graph.Compare(RandomGraph.WithProbability(200, 0.05, seed: 1)).Caption, Does.Contain($"from {Graph.HopSources} distinct nodes"));
            Assert.That(Graph.Compare(new Graph("small", 5)).Columns, Does.Contain("avg hops"));
        }
    }

    [Test]
    public void At_Least_Starts_At_One_And_Falls_By_Each_Degree_Count()
    {
        var star = new Graph("star", 5);
        foreach (var leaf in new[] { 1, 2, 3, 4 })
        {
            star.Link(0, leaf);
        }

        Assert.That(DegreeDistribution.AtLeast(star), Is.EqualTo(new[] { (1, 1.0), (4, 0.2) }));
    }

    [Test]
    public void At_Least_Of_Preferential_Attachment_Falls_Like_A_Power_Law()
    {
        // Barabási–Albert: P(K >= k) ~ k^-2, so from k = 6 to k = 24 it falls about 16-fold (4^2).
        var points = DegreeDistribution.AtLeast(PreferentialAttachmentGraph.Grow(20_000, 3, seed: 3)).ToDictionary(p => p.Degree, p => p.Fraction);

        Assert.That(points[6] / points[24], Is.InRange(8.0, 32.0));
    }

    [Test]
    public void Ring_Lattice_Has_Watts_Strogatz_Clustering_And_No_Rewired_Links([Values(4, 6, 10)] int k)
    {
        var lattice = SmallWorldGraph.Rewire(200, k, p: 0, seed: 1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(lattice.ClusteringCoefficient(), Is.EqualTo(3.0 * (k - 2) / (4 * (k - 1))).Within(1e-12));
            Assert.That(lattice.LinkCount, Is.EqualTo(200 * k / 2));
            Assert.That(Enumerable.Range(0, 200).Select(lattice.Degree), Is.All.EqualTo(k));
        }
    }

    [Test]
    public void Rewiring_A_Few_Links_Shortens_Paths_And_Keeps_Most_Clustering()
    {
        var lattice = SmallWorldGraph.Rewire(1000, 6, p: 0, seed: 2);
        var smallWorld = SmallWorldGraph.Rewire(1000, 6, p: 0.1, seed: 2);
        var random = RandomGraph.WithLinkCount(1000, 3000, seed: 2);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(smallWorld.LinkCount, Is.EqualTo(3000), "rewiring moves links, it does not add or drop them");
            Assert.That(smallWorld.AveragePathLength(), Is.LessThan(lattice.AveragePathLength() / 5));
            Assert.That(smallWorld.AveragePathLength(), Is.LessThan(2 * random.AveragePathLength()));
            Assert.That(smallWorld.ClusteringCoefficient(), Is.GreaterThan(0.5 * lattice.ClusteringCoefficient()));
            Assert.That(smallWorld.ClusteringCoefficient(), Is.GreaterThan(20 * random.ClusteringCoefficient()));
        }
    }

    [Test]
    public void Rewiring_Everything_Leaves_No_Self_Links_Or_Duplicates()
    {
        var graph = SmallWorldGraph.Rewire(30, 8, p: 1, seed: 4);

        Assert.That(graph.LinkCount, Is.EqualTo(30 * 8 / 2));
    }

    [TestCase(2, 2, 0.1, "Node count 2")]
    [TestCase(20, 3, 0.1, "Neighbour count 3")]
    [TestCase(20, 0, 0.1, "Neighbour count 0")]
    [TestCase(20, 20, 0.1, "Neighbour count 20")]
    [TestCase(20, 4, 1.5, "Probability 1.5")]
    [TestCase(20, 4, -0.5, "Probability -0.5")]
    public void Small_World_Arguments_Out_Of_Range_Are_Rejected_Naming_Them(int nodes, int k, double p, string named) =>
        Assert.That(() => SmallWorldGraph.Rewire(nodes, k, p), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains(named));
}
