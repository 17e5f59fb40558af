using System.Globalization;
using System.Xml.Linq;
using XPlot.Plotly;

namespace NetCourse.Tests.Display;

/// <summary>The static drawing every chart carries for pages where plotly.js cannot run.</summary>
public class ChartSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly TimingSample Fast = new("fast", Enumerable.Range(0, 500).Select(i => 10 + (i % 37 * 0.5)));
    private static readonly TimingSample Slow = new("slow", Enumerable.Range(0, 300).Select(i => 30 + (i % 53 * 1.5)));

    [Test]
    public void Cdf_Has_Its_Title_Both_Axes_A_Legend_And_One_Group_Per_Trace()
    {
        var svg = Draw(TimingSample.Cdf("Connect time CDF", Fast, Slow));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Texts(svg, "title"), Is.EqualTo(new[] { "Connect time CDF" }));
            Assert.That(AxisTitle(svg, "xaxis"), Is.EqualTo("microseconds (log scale)"));
            Assert.That(AxisTitle(svg, "yaxis"), Is.EqualTo("fraction of connections at or below"));
            Assert.That(Ticks(svg, "yaxis"), Is.EqualTo(new[] { "0", "0.2", "0.4", "0.6", "0.8", "1" }));
            Assert.That(Series(svg).Select(g => (string?)g.Attribute("data-name")), Is.EqualTo(new[] { "fast", "fast percentiles", "slow", "slow percentiles" }),
                "two lines and two sets of percentile markers");
            Assert.That(Series(svg).Select(g => g.Elements().Count()), Is.EqualTo(new[] { 1, 3, 1, 3 }), "a polyline per sample, p50/p90/p99 markers");
            Assert.That(Group(svg, "legend").Elements(Svg + "text").Select(t => t.Value), Is.EqualTo(new[] { "fast", "slow" }),
                "the percentile traces are hidden from the legend, as in plotly");
            Assert.That(Series(svg)[1].Elements(Svg + "circle").Select(c => (string?)c.Attribute("fill")).Distinct(),
                Is.EqualTo(new[] { (string?)Series(svg)[0].Element(Svg + "polyline")?.Attribute("stroke") }), "a sample's percentile markers take its line's colour");
            Assert.That(Series(svg)[2].Element(Svg + "polyline")?.Attribute("stroke")?.Value, Is.Not.EqualTo(Series(svg)[0].Element(Svg + "polyline")?.Attribute("stroke")?.Value));
        }
    }

    [Test]
    public void Histogram_Bins_Hold_Every_Value_Shown_And_Its_Axes_Start_At_Zero_Counts()
    {
        var svg = Draw(TimingSample.Histogram("Connect time histogram", Fast));
        var shown = Fast.Values.Count(v => v <= Fast.P99);

        var bins = ChartSvg.Histogram([.. Fast.Values.Where(v => v <= Fast.P99)]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(bins.Sum(b => b.Count), Is.EqualTo(shown));
            Assert.That(bins.Select(b => Math.Round(b.To - b.From, 9)).Distinct().Single(), Is.EqualTo(0.5).Or.EqualTo(1).Or.EqualTo(2), "a 1, 2 or 5 × 10^k width");
            Assert.That(Series(svg), Has.Count.EqualTo(1));
            Assert.That(Series(svg)[0].Elements(Svg + "rect").Count(), Is.EqualTo(bins.Count(b => b.Count > 0)), "a bar per bin that holds values");
            Assert.That(Ticks(svg, "yaxis")[0], Is.EqualTo("0"));
            Assert.That(Group(svg, "legend", optional: true), Is.Null, "one series needs no legend");
            Assert.That(AxisTitle(svg, "xaxis"), Does.StartWith("microseconds (cut at the largest p99"));
        }
    }

    [Test]
    public void Grouped_Bars_Stand_Side_By_Side_Over_Category_Labels()
    {
        var chart = Chart.Plot(new[]
        {
            new Bar { x = new[] { "UDP", "TCP" }, y = new[] { 100, 100 }, name = "sent" },
            new Bar { x = new[] { "UDP", "TCP" }, y = new[] { 40, 100 }, name = "received" },
        });
        chart.WithLayout(new Layout.Layout { title = "Loss", xaxis = new Xaxis { title = "transport" }, yaxis = new Yaxis { title = "messages" } });

        var svg = Draw(chart);
        var bars = Series(svg).Select(g => g.Elements(Svg + "rect").Select(r => (X: Number(r, "x"), Height: Number(r, "height"))).ToList()).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Ticks(svg, "xaxis"), Is.EqualTo(new[] { "UDP", "TCP" }));
            Assert.That(bars.Select(b => b.Count), Is.EqualTo(new[] { 2, 2 }));
            Assert.That(bars[0][0].X, Is.LessThan(bars[1][0].X), "sent stands left of received");
            Assert.That(bars[1][0].Height, Is.EqualTo(bars[0][0].Height * 0.4).Within(1), "heights are proportional to the values");
            Assert.That(Group(svg, "legend").Elements(Svg + "text").Select(t => t.Value), Is.EqualTo(new[] { "sent", "received" }));
        }
    }

    [Test]
    public void Log_Axes_Put_Decades_Equal_Distances_Apart()
    {
        var chart = Chart.Plot(new Scatter { x = new[] { 1, 10, 100 }, y = new[] { 1, 0.1, 0.001 }, mode = "lines+markers", name = "power law" });
        chart.WithLayout(new Layout.Layout { title = "log-log", xaxis = new Xaxis { title = "k", type = "log" }, yaxis = new Yaxis { title = "P", type = "log" } });

        var svg = Draw(chart);
        var markers = Series(svg)[0].Elements(Svg + "circle").Select(c => (X: Number(c, "cx"), Y: Number(c, "cy"))).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Ticks(svg, "yaxis"), Is.EqualTo(new[] { "0.001", "0.01", "0.1", "1" }));
            Assert.That(Ticks(svg, "xaxis"), Is.EqualTo(new[] { "1", "2", "5", "10", "20", "50", "100" }), "two decades get 2 and 5 ticks too");
            Assert.That(markers, Has.Count.EqualTo(3));
            Assert.That(markers[2].X - markers[1].X, Is.EqualTo(markers[1].X - markers[0].X).Within(0.2));
            Assert.That(markers[2].Y - markers[1].Y, Is.EqualTo(2 * (markers[1].Y - markers[0].Y)).Within(0.2), "two decades down is twice one decade");
        }
    }

    [Test]
    public void Text_Is_Escaped_So_The_Drawing_Stays_Well_Formed()
    {
        const string Title = "<script>alert(1)</script> & \"quotes\"";
        var chart = Chart.Plot(new[] { new Scatter { x = new[] { 1, 2 }, y = new[] { 1, 2 }, name = "a<b" }, new Scatter { x = new[] { 1, 2 }, y = new[] { 2, 1 }, name = "c&d" } });
        chart.WithLayout(new Layout.Layout { title = Title, xaxis = new Xaxis { title = "x</svg>" } });

        var text = ChartSvg.Render(chart);
        var svg = XElement.Parse(text);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(text, Does.Not.Contain("<script").And.Not.Contain("x</svg>"));
            Assert.That(Texts(svg, "title"), Is.EqualTo(new[] { Title }));
            Assert.That(AxisTitle(svg, "xaxis"), Is.EqualTo("x</svg>"));
            Assert.That(Series(svg).Select(g => (string?)g.Attribute("data-name")), Is.EqualTo(new[] { "a<b", "c&d" }));
        }
    }

    [Test]
    public void A_Legend_Name_Too_Long_For_The_Canvas_Is_Cut_With_Its_Full_Name_As_Tooltip()
    {
        var name = new string('n', 200);
        var svg = Draw(Chart.Plot(new[] { new Scatter { x = new[] { 1, 2 }, y = new[] { 1, 2 }, name = name }, new Scatter { x = new[] { 1, 2 }, y = new[] { 2, 1 }, name = "short" } }));
        var labels = Group(svg, "legend").Elements(Svg + "text").ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(labels[0].Nodes().OfType<XText>().Single().Value, Does.EndWith("…").And.Length.LessThan(60));
            Assert.That(labels[0].Element(Svg + "title")?.Value, Is.EqualTo(name));
            Assert.That(labels[1].Value, Is.EqualTo("short"));
        }
    }

    [Test]
    public void Empty_Series_Still_Get_Their_Group_And_The_Axes_Are_Drawn()
    {
        var chart = Chart.Plot(new Trace[] { new Histogram { x = Array.Empty<double>(), name = "none" }, new Scatter { x = Array.Empty<double>(), y = Array.Empty<double>(), name = "nothing" } });
        chart.WithLayout(new Layout.Layout { title = "Empty", xaxis = new Xaxis { title = "x" }, yaxis = new Yaxis { title = "y" } });

        var svg = Draw(chart);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Series(svg).Select(g => g.Elements().Count()), Is.EqualTo(new[] { 0, 0 }));
            Assert.That(Ticks(svg, "xaxis"), Is.Not.Empty);
            Assert.That(Ticks(svg, "yaxis"), Is.Not.Empty);
            Assert.That(Texts(svg, "title"), Is.EqualTo(new[] { "Empty" }));
        }
    }

    [Test]
    public void Every_Coordinate_Lies_On_The_Canvas_And_The_Drawing_Is_Deterministic()
    {
        var chart = TimingSample.Cdf("CDF", Fast, Slow);

        var first = ChartSvg.Render(chart);
        var svg = XElement.Parse(first);
        var xs = svg.Descendants().SelectMany(e => e.Attributes().Where(a => a.Name.LocalName is "x" or "x1" or "x2" or "cx")).Select(a => double.Parse(a.Value, CultureInfo.InvariantCulture));
        var points = svg.Descendants(Svg + "polyline").SelectMany(p => ((string)p.Attribute("points")!).Split(' ')).Select(p => p.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ChartSvg.Render(chart), Is.EqualTo(first));
            Assert.That(xs, Is.All.InRange(0, chart.Width));
            Assert.That(points.Select(p => p[0]), Is.All.InRange(0, chart.Width));
            Assert.That(points.Select(p => p[1]), Is.All.InRange(0, chart.Height));
            Assert.That(first.Length, Is.LessThan(60_000), "800 points thinned to what a pixel can show");
        }
    }

    private static XElement Draw(PlotlyChart chart) => XElement.Parse(ChartSvg.Render(chart));

    private static List<XElement> Series(XElement svg) => [.. svg.Elements(Svg + "g").Where(g => (string?)g.Attribute("class") == "series")];

    private static XElement Group(XElement svg, string cls) => Group(svg, cls, optional: false)!;

    private static XElement? Group(XElement svg, string cls, bool optional)
    {
        var group = svg.Elements(Svg + "g").SingleOrDefault(g => (string?)g.Attribute("class") == cls);
        return group is null && !optional ? throw new AssertionException($"no <g class=\"{cls}\">") : group;
    }

    private static List<string> Texts(XElement parent, string cls) =>
        [.. parent.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == cls).Select(t => t.Value)];

    private static string AxisTitle(XElement svg, string axis) => Texts(Group(svg, axis), "axis-title").Single();

    private static List<string> Ticks(XElement svg, string axis) => Texts(Group(svg, axis), "tick");

    private static double Number(XElement e, string attribute) => double.Parse((string)e.Attribute(attribute)!, CultureInfo.InvariantCulture);
}
