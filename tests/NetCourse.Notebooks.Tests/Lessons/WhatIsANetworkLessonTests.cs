namespace NetCourse.Notebooks.Tests.Lessons;

public class WhatIsANetworkLessonTests() : LessonFixture("01-what-is-a-network.ipynb")
{
    [Test]
    public void Star_Degrees_Are_A_Degree_Table_With_One_Hub_Of_Degree_Four() =>
        Assert.That(ValueRows("star-degree-table"), Has.Some.EqualTo(new[] { "degree", "nodes" }).And.Some.EqualTo(new[] { "4", "1" }));

    [Test]
    public void Preferential_Attachment_Max_Degree_Is_Far_Above_Random_Max_Degree()
    {
        var rows = ValueRows("graph-comparison");
        var randomMax = int.Parse(Row(rows, "random G(n=2000")[4], System.Globalization.CultureInfo.InvariantCulture);
        var growingMax = int.Parse(Row(rows, "preferential attachment (n=2000")[4], System.Globalization.CultureInfo.InvariantCulture);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rows.SelectMany(r => r), Has.Some.Contains("clustering").And.Some.Contains("mean degree").And.Some.Contains("avg hops"));
            Assert.That(growingMax, Is.GreaterThan(3 * randomMax), Value("graph-comparison"));
        }
    }

    [Test]
    public void Small_World_Has_Paths_Near_Random_And_Clustering_Near_The_Lattice()
    {
        var rows = ValueRows("graph-comparison");
        var random = Measures(rows, "random G(n=2000");
        var lattice = Measures(rows, "ring lattice (n=2000");
        var smallWorld = Measures(rows, "small world (n=2000");
        var table = Value("graph-comparison");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(smallWorld.Hops, Is.LessThan(random.Hops + 4).And.LessThan(lattice.Hops / 10), table);
            Assert.That(smallWorld.Clustering, Is.GreaterThan(100 * random.Clustering).And.GreaterThan(0.5 * lattice.Clustering), table);
        }
    }

    [Test]
    public void Degree_Charts_Are_Linear_Fractions_Then_Log_Log_At_Least_K()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Run.Cell("degree-chart").DisplayedText, Does.Contain("Degree distribution").And.Contain("\"linear\""));
            Assert.That(Run.Cell("cumulative-degree-chart").DisplayedText,
                Does.Contain("P(degree ≥ k) (log-log)").And.Contain("\"log\"").And.Contain("fraction of nodes with degree ≥ k"));
        }
    }

    // A row of Graph.Compare: name, nodes, links, mean degree, max degree, clustering, avg hops.
    private static IReadOnlyList<string> Row(IReadOnlyList<IReadOnlyList<string>> rows, string graphName)
    {
        var row = rows.FirstOrDefault(r => r[0].StartsWith(graphName, StringComparison.Ordinal));
        Assert.That(row, Is.Not.Null.And.Count.EqualTo(7), $"the row for {graphName}");
        return row!;
    }

    private static (double Clustering, double Hops) Measures(IReadOnlyList<IReadOnlyList<string>> rows, string graphName)
    {
        var row = Row(rows, graphName);
        return (double.Parse(row[5], System.Globalization.CultureInfo.InvariantCulture), double.Parse(row[6], System.Globalization.CultureInfo.InvariantCulture));
    }
}
