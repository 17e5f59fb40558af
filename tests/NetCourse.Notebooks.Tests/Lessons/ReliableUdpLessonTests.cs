using System.Text.RegularExpressions;

namespace NetCourse.Notebooks.Tests.Lessons;

public class ReliableUdpLessonTests() : LessonFixture("17-reliable-udp.ipynb")
{
    [Test]
    public void The_Same_Seed_Loses_The_Same_Requests()
    {
        var text = Value("var again = await AskTen");
        var first = Regex.Match(text, @"seed 17, first run \| ([\d ]*)").Groups[1].Value.Trim();
        var second = Regex.Match(text, @"seed 17, second run \| ([\d ]*)").Groups[1].Value.Trim();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second, Is.EqualTo(first), text);
            Assert.That(first.Split(' ', StringSplitOptions.RemoveEmptyEntries), Has.Length.InRange(1, 9), "a 30 % loss each way answers some requests, not all");
        }
    }

    [Test]
    public void Stop_And_Wait_Delivers_Every_Message_Once_In_Order() =>
        Assert.That(Value("var inOrder = receiver.Delivered"), Does.Match(@"20 \| 20 \| yes \| \d+"));

    [Test]
    public void A_Sender_Nobody_Answers_Gives_Up_After_Four_Tries() =>
        Assert.That(Value("var silent = await UdpServer.StartAsync"), Does.Match(@"4 \| yes \| \d+ ms \(40 \+ 80 \+ 160 \+ 320 ms of timeouts\)"));

    [Test]
    public void Experiment_Shows_Plain_Udp_Losing_And_Stop_And_Wait_Resending()
    {
        var text = Value("ReliableUdpExperiment.RunAsync");
        var lost = Regex.Match(text, @"40% \| (\d+) \| (\d+)[^|]* \| (\d+)");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(text, Does.Match(@"0% \| 20 \| 20 \| \d+ \| \d+ \| \d+ ms \| 20 \| \d+ ms"));
            Assert.That(int.Parse(lost.Groups[1].Value), Is.LessThan(20), text);
            Assert.That(int.Parse(lost.Groups[3].Value), Is.GreaterThan(20), "stop-and-wait retransmitted at 40 % loss");
        }
    }

    [Test]
    public void Charts_Plot_Delivery_And_Time_Against_Loss()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Shown("experiment.DeliveredChart()"), Does.Contain("messages delivered").And.Contain("UDP, stop-and-wait"));
            Assert.That(Shown("experiment.TimeChart()"), Does.Contain("milliseconds").And.Contain("TCP (delay only)"));
        }
    }

    [Test]
    public void Every_Udp_Server_Is_Stopped() => Assert.That(Value("await silent.DisposeAsync()"), Is.EqualTo("UDP servers stopped"));
}
