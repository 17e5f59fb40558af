using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NetCourse.Tests.Grading.SocketJudges;

/// <summary>14.2: the instructor's client times each connect alone, with a deadline, and closes each connection; each known-wrong one fails a practice case.</summary>
[Platform("Linux")]
public class HandshakeTimingJudgeTests
{
    private static readonly HandshakeCase[] Practice = [new(4, 2), new(3, 1, LastUnanswered: true), new(5, 1)];

    [Test, CancelAfter(120_000)]
    public async Task The_Instructor_Solution_Passes_Every_Practice_And_Hidden_Case(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.HandshakeTiming, TimeConnects, [.. Practice, .. JudgeRuns.Hidden(Judges.HandshakeTiming)]);

        Assert.That(report.Passed, Is.EqualTo(report.Cases.Count), JudgeRuns.Failures(report));
    }

    [Test]
    public void Hidden_Cases_Keep_Their_Default_Deadline()
    {
        var hidden = JudgeRuns.Hidden(Judges.HandshakeTiming);

        Assert.That(hidden.Select(c => c.PerAttemptMs), Is.EqualTo(new[] { 2000, 2000, 1500, 3000 }));
    }

    [Test, CancelAfter(60_000)]
    public async Task Returning_Constants_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.HandshakeTiming, async job => { await TimeConnects(job); return [.. Enumerable.Repeat(0.1, job.Count)]; }, Practice[..1]);

        Assert.That(report.Cases[0].Got, Does.Match(@"^4 connects: connect [234] was slowed \(its first SYN met a full queue and was dropped, and the SYN retransmitted after 1 s got in\), "
            + @"so it took about 1000 ms, but you reported 0\.1 ms: time the connect call itself, in milliseconds$"));
    }

    [Test, CancelAfter(60_000)]
    public async Task Connecting_Without_A_Deadline_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.HandshakeTiming, NoDeadline, Practice[..2]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Cases[0].Passed, Is.True, report.Cases[0].Got);
            Assert.That(report.Cases[1].Got, Is.EqualTo("3 connects: did not finish within 10 s. Connect 3 never gets an answer, and a connect without a deadline of its own waits "
                + "while Linux retransmits its SYN (1, 2, 4, ... s apart; tcp_syn_retries in tcp(7)), about two minutes"));
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task Leaving_Connections_Open_Fails_Practice(CancellationToken token)
    {
        var kept = new List<Socket>();
        try
        {
            var report = await JudgeRuns.CheckAsync(Judges.HandshakeTiming, job => NotClosing(job, kept), Practice[2..]);

            Assert.That(report.Cases[0].Got, Is.EqualTo("5 connects: connection 1 was still open 0.5 s after the function returned: close each connection before the next connect"));
        }
        finally
        {
            kept.ForEach(s => s.Dispose());
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task Timing_A_Send_Instead_Of_The_Connect_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.HandshakeTiming, TimesTheSend, Practice[2..]);

        Assert.That(report.Cases[0].Got, Does.Match(@"^5 connects: connect [2-5] was slowed .* but you reported \d+(\.\d+)? ms: time the connect call itself, in milliseconds$"));
    }

    [Test, CancelAfter(60_000)]
    public async Task Reporting_Microseconds_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.HandshakeTiming, async job => [.. (await TimeConnects(job)).Select(ms => ms * 1000)], Practice[2..]);

        Assert.That(report.Cases[0].Got, Does.Match(@"^5 connects: connect [2-5] was slowed .* but you reported 1\d{6}(\.\d+)? ms: time the connect call itself, in milliseconds$"));
    }

    [Test, CancelAfter(60_000)]
    public async Task The_Course_Handshake_Timer_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.HandshakeTiming, WithHandshakeTimer, Practice[2..]);

        Assert.That(report.Cases[0].Got, Is.EqualTo("5 connects: connection 1 ended with a reset (RST), not a FIN: close each connection normally, without linger 0"));
    }

    [Test, CancelAfter(60_000)]
    public async Task An_Exception_That_Does_Not_Name_The_Attempt_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.HandshakeTiming, async job =>
        {
            try
            {
                return await TimeConnects(job);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException("No answer.");
            }
        }, Practice[1..2]);

        Assert.That(report.Cases[0].Got, Is.EqualTo("3 connects: threw TimeoutException \"No answer.\": say which connect got no answer (3)"));
    }

    // The instructor's solution: one connect after the other, each timed alone with a deadline of its own, each connection closed.
    private static async Task<double[]> TimeConnects((IPEndPoint Server, int Count, TimeSpan PerAttempt) job)
    {
        var durations = new double[job.Count];
        for (var i = 0; i < job.Count; i++)
        {
            using var socket = new Socket(job.Server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            using var deadline = new CancellationTokenSource(job.PerAttempt);
            var clock = Stopwatch.StartNew();
            try
            {
                await socket.ConnectAsync(job.Server, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Connect {i + 1} of {job.Count} got no answer within {job.PerAttempt.TotalMilliseconds} ms.");
            }

            durations[i] = clock.Elapsed.TotalMilliseconds;
        }

        return durations;
    }

    // Wrong: no deadline, so a connect that is never answered holds the loop.
    private static async Task<double[]> NoDeadline((IPEndPoint Server, int Count, TimeSpan PerAttempt) job)
    {
        var durations = new double[job.Count];
        for (var i = 0; i < job.Count; i++)
        {
            using var socket = new Socket(job.Server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            var clock = Stopwatch.StartNew();
            await socket.ConnectAsync(job.Server);
            durations[i] = clock.Elapsed.TotalMilliseconds;
        }

        return durations;
    }

    // Wrong: the connections are kept open.
    private static async Task<double[]> NotClosing((IPEndPoint Server, int Count, TimeSpan PerAttempt) job, List<Socket> kept)
    {
        var durations = new double[job.Count];
        for (var i = 0; i < job.Count; i++)
        {
            var socket = new Socket(job.Server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            kept.Add(socket);
            using var deadline = new CancellationTokenSource(job.PerAttempt);
            var clock = Stopwatch.StartNew();
            await socket.ConnectAsync(job.Server, deadline.Token);
            durations[i] = clock.Elapsed.TotalMilliseconds;
        }

        return durations;
    }

    // Wrong: times the first send on the connection, not the connect.
    private static async Task<double[]> TimesTheSend((IPEndPoint Server, int Count, TimeSpan PerAttempt) job)
    {
        var durations = new double[job.Count];
        for (var i = 0; i < job.Count; i++)
        {
            using var socket = new Socket(job.Server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            using var deadline = new CancellationTokenSource(job.PerAttempt);
            await socket.ConnectAsync(job.Server, deadline.Token);
            var clock = Stopwatch.StartNew();
            await socket.SendAsync(new byte[] { 1 }, SocketFlags.None, deadline.Token);
            durations[i] = clock.Elapsed.TotalMilliseconds;
        }

        return durations;
    }

    // Wrong: the lesson's timer, one connect at a time; it closes with an RST (linger 0).
    private static async Task<double[]> WithHandshakeTimer((IPEndPoint Server, int Count, TimeSpan PerAttempt) job)
    {
        var durations = new double[job.Count];
        for (var i = 0; i < job.Count; i++)
        {
            var sample = await HandshakeTimer.MeasureAsync("connect", job.Server, 1, HandshakeTimer.Method.SocketAsync, job.PerAttempt);
            durations[i] = sample.Values[0] / 1000;
        }

        return durations;
    }
}
