using System.Globalization;
using System.Text.RegularExpressions;

namespace NetCourse.Notebooks.Tests.Lessons;

public class ServingManyClientsLessonTests() : LessonFixture("15-serving-many-clients.ipynb")
{
    [Test]
    public void Every_Model_Answers_One_Client() =>
        Assert.That(Value("var hello = new HtmlTable"), Does.Match(@"OneAtATime \| 127\.0\.0\.1:\d+ \| hello").And.Contain("ThreadPerClient").And.Contain("TaskPerClient").And.Contain("SelectLoop"));

    [Test]
    public void Sweep_Runs_Every_Model_At_Every_N_And_Serves_Its_Clients()
    {
        var rows = Regex.Matches(Value("ConcurrencyExperiment.RunAsync"), @"(\w+) \| (\d+) \| (\d+) \| (\d+) \|")
            .Select(r => (Model: r.Groups[1].Value, Clients: int.Parse(r.Groups[2].Value, CultureInfo.InvariantCulture), Served: int.Parse(r.Groups[3].Value, CultureInfo.InvariantCulture)))
            .ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rows.Select(r => (r.Model, r.Clients)), Is.EquivalentTo(
                from n in new[] { 10, 100, 300, 1000 } from m in new[] { "OneAtATime", "ThreadPerClient", "TaskPerClient", "SelectLoop" } select (m, n)));
            // A client the machine kept from sending for the whole idle timeout is closed as silent: that is the deadline working, so not all must be served.
            Assert.That(rows.Select(r => r.Served * 10 >= r.Clients * 9), Is.All.True, string.Join("; ", rows));
        }
    }

    [Test]
    public void One_At_A_Time_Waits_Out_The_Slow_Clients_Idle_Timeout()
    {
        var text = Value("var queue = sweep[ServingModel.OneAtATime, n]");
        var match = Regex.Match(text, @"one at a time, p99 was (\d+) ms against an idle timeout of (\d+) ms");

        Assert.That(match.Success, Is.True, text);
        Assert.That(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) * 9 / 10), text);
    }

    [Test]
    public void Throughput_And_Latency_Are_Charted()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Shown("sweep.ThroughputChart()"), Does.Contain("Plotly.newPlot").And.Contain("TaskPerClient").And.Contain("echoes per second"));
            Assert.That(Shown("sweep.LatencyChart()"), Does.Contain("Plotly.newPlot").And.Contain("p99 round trip"));
        }
    }

    [Test]
    public void A_Thread_Costs_Measurably_More_Than_A_Task() =>
        Assert.That(Value("ThreadCost.Measure(500)"), Does.Match(@"thread \| [\d,.]+ \| [\d,.]+ \| [\d,.]+ \| -").And.Match(@"task \| [\d,.]+ \| - \| - \| [\d,.]+"));

    [Test]
    public void C10k_Is_A_Sentence_Computed_From_The_Measurement() =>
        Assert.That(Value("cost.Describe(10_000)"), Does.Match(@"^At the rates measured for 500 here, 10,000 waiting clients as threads would reserve [\d,.]+ GiB .* as tasks they would take [\d,.]+ MiB"));
}

public class WhenConnectionsFailLessonTests() : LessonFixture("16-when-connections-fail.ipynb")
{
    [Test]
    public void Linger_Zero_Resets_And_A_Closed_Port_Refuses()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Value("Failures.ResetByLingerZeroAsync()"), Does.Contain("| Receive | SocketException: Connection reset by peer | ConnectionReset | ECONNRESET (104)"));
            Assert.That(Value("Failures.ConnectToClosedPortAsync()"), Does.Contain("SocketException: Connection refused | ConnectionRefused | ECONNREFUSED (111)"));
        }
    }

    [Test]
    public void A_Write_After_The_Peer_Closed_Succeeds_Once_Then_Breaks_The_Pipe()
    {
        var text = Value("Failures.WriteAfterPeerClosedAsync()");

        Assert.That(text, Does.Match(@"Send\(3 bytes\) \| returned 3 \|[^\n]*\n[^\n]*Send\(3 bytes\) \| SocketException: Broken pipe \| Shutdown \| EPIPE \(32\)"));
    }

    [Test]
    public void A_Close_With_Unread_Data_Resets_Then_Writes_Break() =>
        Assert.That(Value("Failures.CloseWithUnreadDataAsync()"), Does.Contain("Receive | SocketException: Connection reset by peer").And.Contain("Send(3 bytes) | SocketException: Broken pipe"));

    [Test]
    public void Keepalive_Finds_The_Vanished_Peer_That_Otherwise_Only_A_Deadline_Ends()
    {
        var without = Value("HalfOpenAsync(keepAlive: false");
        if (without.Contains("| skipped |", StringComparison.Ordinal))
        {
            Assert.Ignore($"TCP_REPAIR is not available here; the lesson said so: {without}");
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(without, Does.Contain("TimeoutException").And.Match(@"did not finish within 2 s\. \| - \| - \| [\d.]+ \| ESTABLISHED"));
            Assert.That(Value("HalfOpenAsync(keepAlive: true"), Does.Contain("SocketException: Connection reset by peer | ConnectionReset"));
        }
    }

    [Test]
    public void Keepalive_Does_Not_Find_A_Silent_Proxy() =>
        Assert.That(Value("Failures.SilentPeerAsync("), Does.Contain("Receive, deadline 3 s | TimeoutException"));

    [Test]
    public void Nagle_Stalls_Write_Write_Read_And_NoDelay_Does_Not()
    {
        var text = Value("var stalls = nagle.Nagle.Values.Count");
        var match = Regex.Match(text, @"With Nagle on, (\d+) of 40 rounds took over 20 ms .* with NoDelay, (\d+) did");

        Assert.That(match.Success, Is.True, text);
        Assert.That(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), Is.GreaterThan(int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) + 20), text);
        Assert.That(Shown("nagle.Chart()"), Does.Contain("Plotly.newPlot").And.Contain("NoDelay = true"));
    }

    [Test]
    public void Two_Senders_Deadlock_Until_Their_Deadlines_And_Readers_Fix_It()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Regex.Count(Value("SendSendAsync(readWhileSending: false)"), "TimeoutException: send did not finish within 2 s; stopped after"), Is.EqualTo(2));
            Assert.That(Regex.Count(Value("SendSendAsync(readWhileSending: true)"), @"sent all 4,194,304; read 4,194,304 bytes meanwhile"), Is.EqualTo(2));
        }
    }

    [Test]
    public void Every_Waiting_Call_Ends_At_Its_Deadline()
    {
        var text = Value("Failures.DeadlinesAsync(");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Regex.Count(text, @"TimeoutException: \w+ did not finish within 0\.5 s"), Is.EqualTo(4), text);
            Assert.That(Regex.Count(text, @"SocketException: Connection timed out \| TimedOut"), Is.EqualTo(2), text);
        }
    }
}
