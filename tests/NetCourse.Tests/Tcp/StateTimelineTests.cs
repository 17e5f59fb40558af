using System.Text.Encodings.Web;

namespace NetCourse.Tests.Tcp;

public class StateTimelineTests
{
    private static readonly string Long = string.Join(" ", Enumerable.Repeat("client: shutdown(Send): sends FIN, gets ACK", 5));

    private static IEnumerable<TestCaseData> Timelines()
    {
        yield return new TestCaseData(1, 6, "client: connect (SYN, SYN-ACK, ACK), before the server calls accept").SetName("Six_Steps_Of_A_Real_Label");
        yield return new TestCaseData(2, 12, Long).SetName("Twelve_Steps_Of_Long_Labels_In_Two_Lifecycles");
        yield return new TestCaseData(3, 4, new string('X', 200)).SetName("A_Word_Longer_Than_A_Column");
        yield return new TestCaseData(1, 1, "").SetName("An_Empty_Label");
    }

    [TestCaseSource(nameof(Timelines))]
    public void Every_Box_Lies_Inside_The_Canvas_And_No_Two_Overlap(int lifecycles, int steps, string label)
    {
        var timeline = new StateTimeline([.. Enumerable.Range(0, lifecycles).Select(i => Lifecycle(i % 2 == 0, steps, label))]);
        var (width, height, boxes) = timeline.Layout();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(boxes.Count(b => b.Kind == StateTimeline.BoxKind.Label), Is.EqualTo(lifecycles * steps));
            foreach (var box in boxes)
            {
                Assert.That(box.X >= 0 && box.Y >= 0 && box.X + box.Width <= width && box.Y + box.Height <= height, Is.True, $"{box} inside {width}x{height}");
                Assert.That(box.Lines.Max(l => l.Length) * 7.5, Is.LessThanOrEqualTo(box.Width), $"the text of {box} fits its width");
            }

            for (var i = 0; i < boxes.Count; i++)
            {
                for (var j = i + 1; j < boxes.Count; j++)
                {
                    Assert.That(Overlap(boxes[i], boxes[j]), Is.False, $"{boxes[i]} and {boxes[j]} overlap");
                }
            }
        }
    }

    [Test]
    public void Wrapping_Keeps_Every_Character_And_Cuts_Only_Overlong_Words()
    {
        var lines = StateTimeline.Wrap("client: connect (SYN, SYN-ACK, ACK), before the server calls accept", 142);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(string.Join(" ", lines), Is.EqualTo("client: connect (SYN, SYN-ACK, ACK), before the server calls accept"));
            Assert.That(lines, Has.All.Length.LessThanOrEqualTo(18));
            Assert.That(string.Concat(StateTimeline.Wrap(new string('X', 40), 142)), Is.EqualTo(new string('X', 40)));
        }
    }

    [Test]
    public void Drawing_Shows_Three_Lanes_States_And_Every_Label_Line()
    {
        using var writer = new StringWriter();
        new StateTimeline(Lifecycle(true, 2, "server: accept")).WriteTo(writer, HtmlEncoder.Default);
        var svg = writer.ToString();

        Assert.That(svg, Does.StartWith("<svg").And.Contain(">client socket<").And.Contain(">listening socket<").And.Contain(">accepted socket<")
            .And.Contain(">LISTEN<").And.Contain(">TIME_WAIT<").And.Contain(">server: accept<"));
    }

    private static ConnectionLifecycle Lifecycle(bool clientClosesFirst, int steps, string label) =>
        new(clientClosesFirst, Enumerable.Range(0, steps).Select(i => new LifecycleStep(label, "ESTABLISHED", "LISTEN", i == steps - 1 ? "TIME_WAIT" : "CLOSE_WAIT")));

    private static bool Overlap(StateTimeline.Box a, StateTimeline.Box b) =>
        a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height;
}
