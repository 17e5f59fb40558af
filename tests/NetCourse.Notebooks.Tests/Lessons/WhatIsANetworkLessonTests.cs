using System.Text.RegularExpressions;

namespace NetCourse.Notebooks.Tests.Lessons;

public class WhatIsANetworkLessonTests() : LessonFixture("01-what-is-a-network.ipynb")
{
    [Test]
    public void Star_Degrees_Are_A_Degree_Table_With_One_Hub_Of_Degree_Four() =>
        Assert.That(Run.Cell("star-degree-table").ReturnValue?["text/html"] ?? "",
            Does.Contain(">degree<").And.Contain(">nodes<").And.Match("<td[^>]*>4</td><td[^>]*>1</td>"));

    [Test]
    public void Preferential_Attachment_Max_Degree_Is_Far_Above_Random_Max_Degree()
    {
        var html = Run.Cell("graph-comparison").ReturnValue?["text/html"] ?? "";
        var randomMax = MaxDegree(html, "random G(n=2000");
        var growingMax = MaxDegree(html, "preferential attachment (n=2000");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(html, Does.Contain("clustering").And.Contain("mean degree").And.Contain("avg hops"));
            Assert.That(growingMax, Is.GreaterThan(3 * randomMax), html);
        }
    }

    [Test]
    public void Small_World_Has_Paths_Near_Random_And_Clustering_Near_The_Lattice()
    {
        var html = Run.Cell("graph-comparison").ReturnValue?["text/html"] ?? "";
        var random = Row(html, "random G(n=2000");
        var lattice = Row(html, "ring lattice (n=2000");
        var smallWorld = Row(html, "small world (n=2000");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(smallWorld.Hops, Is.LessThan(random.Hops + 4).And.LessThan(lattice.Hops / 10), html);
            Assert.That(smallWorld.Clustering, Is.GreaterThan(100 * random.Clustering).And.GreaterThan(0.5 * lattice.Clustering), html);
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

    // A row of Graph.Compare: ...<td>clustering</td><td>avg hops</td>
    private static (double Clustering, double Hops) Row(string html, string graphName)
    {
        var row = Regex.Match(html, Regex.Escape(graphName) + @"[^<]*</td>(?:\s*<td[^>]*>[^<]*</td>){4}\s*<td[^>]*>([^<]*)</td>\s*<td[^>]*>([^<]*)</td>");
        Assert.That(row.Success, Is.True, $"no row for {graphName} in {html}");
        return (double.Parse(row.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(row.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    // A row of Graph.Compare: <td>name</td><td>nodes</td><td>links</td><td>mean</td><td>max</td>...
    private static int MaxDegree(string html, string graphName)
    {
        var row = Regex.Match(html, Regex.Escape(graphName) + @"[^<]*</td>(?:\s*<td[^>]*>([^<]*)</td>){4}");
        Assert.That(row.Success, Is.True, $"no row for {graphName} in {html}");
        return int.Parse(row.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
