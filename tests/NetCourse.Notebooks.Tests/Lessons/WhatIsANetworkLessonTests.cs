using System.Text.RegularExpressions;

namespace NetCourse.Notebooks.Tests.Lessons;

public class WhatIsANetworkLessonTests() : LessonFixture("01-what-is-a-network.ipynb")
{
    [Test]
    public void Star_Hub_Has_Degree_Four() =>
        Assert.That(Run.CellContaining("star.DegreeHistogram()").DisplayedText, Does.Contain("4"));

    [Test]
    public void Preferential_Attachment_Max_Degree_Is_Far_Above_Random_Max_Degree()
    {
        var html = Run.CellContaining("Graph.Compare(random, growing)").ReturnValue?["text/html"] ?? "";
        var randomMax = MaxDegree(html, "random G(n=2000");
        var growingMax = MaxDegree(html, "preferential attachment (n=2000");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(html, Does.Contain("clustering").And.Contain("mean degree").And.Contain("avg hops"));
            Assert.That(growingMax, Is.GreaterThan(3 * randomMax), html);
        }
    }

    [Test]
    public void Both_Degree_Charts_Have_Titles_And_Log_Axes_On_The_Second()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Run.CellContaining("Chart(logLog: false").DisplayedText, Does.Contain("Degree distribution").And.Contain("\"linear\""));
            Assert.That(Run.CellContaining("DegreeDistribution.Chart(random, growing)").DisplayedText, Does.Contain("Degree distribution (log-log)").And.Contain("\"log\""));
        }
    }

    // A row of Graph.Compare: <td>name</td><td>nodes</td><td>links</td><td>mean</td><td>max</td>...
    private static int MaxDegree(string html, string graphName)
    {
        var row = Regex.Match(html, Regex.Escape(graphName) + @"[^<]*</td>(?:\s*<td[^>]*>([^<]*)</td>){4}");
        Assert.That(row.Success, Is.True, $"no row for {graphName} in {html}");
        return int.Parse(row.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
