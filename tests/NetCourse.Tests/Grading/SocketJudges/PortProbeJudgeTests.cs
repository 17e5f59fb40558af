using System.Net;
using System.Net.Sockets;

namespace NetCourse.Tests.Grading.SocketJudges;

/// <summary>07.3: the instructor's port probe names every state; each known-wrong probe fails a practice case.</summary>
public class PortProbeJudgeTests
{
    private static readonly (string State, string Address, int DeadlineMs)[] Practice =
    [
        ("open", "127.0.0.1", 1000),
        ("closed", "127.0.0.1", 1000),
        ("filtered", "::1", 400),
        ("filtered", "127.0.0.1", 1500),
    ];

    [Test, CancelAfter(90_000)]
    public async Task The_Instructor_Solution_Passes_Every_Practice_And_Hidden_Case(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.PortProbe, ProbeAsync, [.. Practice, .. JudgeRuns.Hidden(Judges.PortProbe)]);

        Assert.That(report.Passed, Is.EqualTo(report.Cases.Count), JudgeRuns.Failures(report));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_Stub_Passes_Nothing(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.PortProbe, (target, deadline) => throw new NotImplementedException("write ProbeAsync"), Practice);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Passed, Is.Zero, JudgeRuns.Failures(report));
            Assert.That(report.Cases[0].Got, Is.EqualTo("not implemented yet: write ProbeAsync"));
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task Connecting_Without_A_Deadline_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.PortProbe, NoDeadline, Practice[2..3]);

        Assert.That(report.Cases[0].Got, Is.EqualTo("a filtered port on ::1, deadline 400 ms: did not finish within 5 s; a connect to a port that never answers goes on resending its SYN for minutes unless it has a deadline of its own"));
    }

    [Test, CancelAfter(60_000)]
    public async Task Reporting_A_Timeout_As_Closed_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.PortProbe, TimeoutAsClosed, Practice);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Cases.Take(2).Select(c => c.Passed), Is.All.True, JudgeRuns.Failures(report));
            Assert.That(report.Cases[2].Got, Is.EqualTo("""a filtered port on ::1, deadline 400 ms: returned "closed", but nothing answered before the deadline: it is filtered"""));
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task Reporting_Every_Exception_As_Closed_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.PortProbe, EveryExceptionClosed, Practice);

        Assert.That(report.Cases[3].Got, Is.EqualTo("""a filtered port on 127.0.0.1, deadline 1500 ms: returned "closed", but nothing answered before the deadline: it is filtered"""));
    }

    [Test, CancelAfter(60_000)]
    public async Task Reporting_A_Refusal_As_Filtered_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.PortProbe, RefusalAsFiltered, Practice);

        Assert.That(report.Cases[1].Got, Is.EqualTo("""a closed port on 127.0.0.1, deadline 1000 ms: returned "filtered", but the port refused the connection (a RST; connect(2) fails with ECONNREFUSED): it is closed"""));
    }

    [Test, CancelAfter(60_000)]
    public async Task Letting_The_Refusal_Escape_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.PortProbe, RefusalEscapes, Practice);

        Assert.That(report.Cases[1].Got, Does.StartWith("a closed port on 127.0.0.1, deadline 1000 ms: threw SocketException: Connection refused")
            .And.EndWith("; each way a connect can end is an answer: name its state and return it"));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_Deadline_Of_Its_Own_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.PortProbe, (target, deadline) => ProbeAsync(target, TimeSpan.FromSeconds(1), keep: null), Practice);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Cases.Take(3).Select(c => c.Passed), Is.All.True, JudgeRuns.Failures(report));
            Assert.That(report.Cases[3].Got, Does.StartWith("a filtered port on 127.0.0.1, deadline 1500 ms: gave up after ").And.EndWith(" ms, before the deadline it was given"));
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task Leaving_The_Connection_Open_Fails_Practice(CancellationToken token)
    {
        var kept = new List<Socket>();
        try
        {
            var report = await JudgeRuns.CheckAsync(Judges.PortProbe, (target, deadline) => ProbeAsync(target, deadline, kept), Practice[..1]);

            Assert.That(report.Cases[0].Got, Is.EqualTo("an open port on 127.0.0.1, deadline 1000 ms: the connection was still open 0.5 s after the function returned; close it once you know the port is open"));
        }
        finally
        {
            kept.ForEach(s => s.Dispose());
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task The_Judge_Peer_Serves_Each_State_And_Judges_What_It_Saw(CancellationToken token)
    {
        var cases = """[{"Item1": "open", "Item2": "::1", "Item3": 1000}, {"Item1": "closed", "Item2": "::1", "Item3": 1000}]""";
        var (input, tell) = NetCourse.Tests.Grading.GraderTests.Pipe();
        var output = new StringWriter();
        await tell.WriteLineAsync($$"""{"cases": {{cases}}}""".AsMemory(), token);
        var peer = JudgePeer.RunAsync(Judges.PortProbe, input, output, token);
        var servers = System.Text.Json.Nodes.JsonNode.Parse(await NetCourse.Tests.Grading.GraderTests.FirstLineAsync(output, token))!["servers"]!.ToJsonString();
        var outcomes = await Probe.ClientAsync(Judges.PortProbe, ProbeAsync, cases, servers);
        await tell.WriteLineAsync("""{"done": true}""".AsMemory(), token);
        await peer;

        var seen = System.Text.Json.Nodes.JsonNode.Parse(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[1])!["seen"]!.AsArray();
        var verdicts = Judges.PortProbe.JudgeAll([.. System.Text.Json.Nodes.JsonNode.Parse(cases)!.AsArray()], [.. seen],
            [.. System.Text.Json.Nodes.JsonNode.Parse(outcomes.Json)!["outcomes"]!.AsArray()]);
        Assert.That(verdicts.Select(v => v.Passed), Is.All.True, string.Join("; ", verdicts.Select(v => v.Detail)));
    }

    // The instructor's solution: one connect with its own deadline; the refusal and the deadline are answers; the
    // connection is closed when the block is left.
    private static Task<string> ProbeAsync(IPEndPoint target, TimeSpan deadline) => ProbeAsync(target, deadline, null);

    private static async Task<string> ProbeAsync(IPEndPoint target, TimeSpan deadline, List<Socket>? keep)
    {
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timer = new CancellationTokenSource(deadline);
        try
        {
            await socket.ConnectAsync(target, timer.Token);
            keep?.Add(socket);
            return "open";
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return "closed";
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested)
        {
            return "filtered";
        }
        finally
        {
            if (keep is null)
            {
                socket.Dispose();
            }
        }
    }

    // Wrong: no deadline, so a silent port holds the connect for minutes.
    private static async Task<string> NoDeadline(IPEndPoint target, TimeSpan deadline)
    {
        using var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(target);
            return "open";
        }
        catch (SocketException)
        {
            return "closed";
        }
    }

    // Wrong: whatever the connect threw, the port is called closed.
    private static async Task<string> EveryExceptionClosed(IPEndPoint target, TimeSpan deadline)
    {
        using var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(target).WaitAsync(deadline);
            return "open";
        }
        catch (Exception)
        {
            return "closed";
        }
    }

    // Wrong: a port that says nothing is called closed.
    private static Task<string> TimeoutAsClosed(IPEndPoint target, TimeSpan deadline) =>
        Named(target, deadline, e => e is OperationCanceledException or SocketException { SocketErrorCode: SocketError.ConnectionRefused } ? "closed" : null);

    // Wrong: every socket error, a refusal included, is called filtered.
    private static Task<string> RefusalAsFiltered(IPEndPoint target, TimeSpan deadline) =>
        Named(target, deadline, e => e is SocketException or OperationCanceledException ? "filtered" : null);

    // Wrong: only the deadline is caught; the refusal escapes as an exception.
    private static Task<string> RefusalEscapes(IPEndPoint target, TimeSpan deadline) =>
        Named(target, deadline, e => e is OperationCanceledException ? "filtered" : null);

    // One connect with its own deadline; what it threw is named by state, or escapes where state gives null.
    private static async Task<string> Named(IPEndPoint target, TimeSpan deadline, Func<Exception, string?> state)
    {
        using var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timer = new CancellationTokenSource(deadline);
        try
        {
            await socket.ConnectAsync(target, timer.Token);
            return "open";
        }
        catch (Exception e) when (state(e) is not null)
        {
            return state(e)!;
        }
    }
}
