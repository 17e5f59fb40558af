using System.Text.RegularExpressions;
using NetCourse.Course.Running;

namespace NetCourse.Notebooks.Tests.Lessons;

[TestFixture, NonParallelizable] // notebooks share the machine's two cores
public partial class WhatIsANetworkLessonTests
{
    private NotebookRun _run = null!;

    [OneTimeSetUp]
    public async Task RunLesson() => _run = await CourseNotebooks.RunAsync("01-what-is-a-network.ipynb", passes: 2);

    [Test]
    public void Runs_Twice_In_One_Kernel_Without_Errors() => Assert.That(_run.Succeeded, Is.True, _run.FailureMessage);

    [Test]
    public void Star_Hub_Has_Degree_Four() =>
        Assert.That(_run.CellContaining("star.DegreeHistogram()").DisplayedText, Does.Contain("4"));

    [Test]
    public void Preferential_Attachment_Max_Degree_Is_Far_Above_Random_Max_Degree()
    {
        var html = _run.CellContaining("Graph.Compare(random, growing)").ReturnValue?["text/html"] ?? "";
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
            Assert.That(_run.CellContaining("Chart(logLog: false").DisplayedText, Does.Contain("Degree distribution").And.Contain("\"linear\""));
            Assert.That(_run.CellContaining("DegreeDistribution.Chart(random, growing)").DisplayedText, Does.Contain("Degree distribution (log-log)").And.Contain("\"log\""));
        }
    }

    [TestCase("01.1", "2 / 2 points")]
    [TestCase("01.2", "3 / 3 points")]
    public void Reference_Solution_Scores_Full_Points(string exercise, string score) =>
        Assert.That(_run.CellContaining($"new Exercise(\"{exercise}\"").DisplayedText, Does.Contain(score));

    // A row of Graph.Compare: <td>name</td><td>nodes</td><td>links</td><td>mean</td><td>max</td>...
    private static int MaxDegree(string html, string graphName)
    {
        var row = Regex.Match(html, Regex.Escape(graphName) + @"[^<]*</td>(?:\s*<td[^>]*>([^<]*)</td>){4}");
        Assert.That(row.Success, Is.True, $"no row for {graphName} in {html}");
        return int.Parse(row.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
