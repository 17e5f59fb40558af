using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NetCourse.Tests.Grading.SocketJudges;

/// <summary>14.2: the instructor's client times each connect alone, with a deadline, and closes each connection; each known-wrong one fails a practice case.</summary>
[Platform("Linux")]
public class HandshakeTimingJudgeTests
{
    private static readonly HandshakeCase[] Practice = [new(4, 2), new(3, 1, LastUnanswered: true), new(5, 1)];

    /// <summary>What a known-wrong client does differently from the instructor's.</summary>
    public enum Mistake
    {
        /// <summary>None: the instructor's solution.</summary>
        None,

        /// <summary>Connects and closes, but reports a constant.</summary>
        Constants,

        /// <summary>Connects without a deadline.</summary>
        NoDeadline,

        /// <summary>Closes the connections only 3 s after returning.</summary>
        ClosesLate,

        /// <summary>Times the first send on the connection instead of the connect.</summary>
        TimesTheSend,

        /// <summary>Reports microseconds.</summary>
        Microseconds,

        /// <summary>Uses the lesson's <see cref="HandshakeTimer"/>, one connect at a time (it closes with an RST).</summary>
        HandshakeTimer,

        /// <summary>Throws a TimeoutException that does not say which connect got no answer.</summary>
        UnnamedTimeout,
    }

    private static IEnumerable<TestCaseData> Mistakes() =>
    [
        new TestCaseData(Mistake.Constants, 0, "4 connects: connect ",
            "was slowed (its first SYN met a full queue and was dropped, and the SYN retransmitted after 1 s got in), so it took about 1000 ms, but you reported 0.1 ms: "
            + "time the connect call itself, in milliseconds"),
        new TestCaseData(Mistake.NoDeadline, 1, "3 connects: did not finish within 10 s. Connect 3 never gets an answer, and a connect without a deadline of its own waits "
            + "while Linux retransmits its SYN (1, 2, 4, ... s apart; tcp_syn_retries in tcp(7)), about two minutes", ""),
        new TestCaseData(Mistake.ClosesLate, 2, "5 connects: connection 1 was still open 0.5 s after the function returned: close each connection before the next connect", ""),
        new TestCaseData(Mistake.TimesTheSend, 2, "5 connects: connect ", "ms: time the connect call itself, in milliseconds"),
        new TestCaseData(Mistake.Microseconds, 2, "5 connects: connect ", ", in milliseconds"), // a slowed connect of about 1,000,000, or a fast one over 500 µs
        new TestCaseData(Mistake.HandshakeTimer, 2, "5 connects: connection 1 ended with a reset (RST), not a FIN: close each connection normally, without linger 0", ""),
        new TestCaseData(Mistake.UnnamedTimeout, 1, "3 connects: threw TimeoutException \"No answer.\": say which connect got no answer (3)", ""),
    ];

    [Test, CancelAfter(120_000)]
    public Task The_Instructor_Solution_Passes_Every_Practice_And_Hidden_Case(CancellationToken token) =>
        JudgeRuns.PassesEveryCaseAsync(Judges.HandshakeTiming, job => TimeConnects(job, Mistake.None), Practice);

    [Test]
    public void Hidden_Cases_Without_A_Deadline_Get_The_Default_One() =>
        Assert.That(JudgeRuns.Hidden(Judges.HandshakeTiming).Select(c => c.PerAttemptMs), Is.EqualTo(new[] { 2000, 2000, 1500, 3000 }));

    [TestCaseSource(nameof(Mistakes)), CancelAfter(60_000)]
    public async Task A_Known_Wrong_Solution_Fails_A_Practice_Case(Mistake mistake, int failing, string starts, string ends, CancellationToken token) =>
        Assert.That(await JudgeRuns.GotAsync(Judges.HandshakeTiming, job => TimeConnects(job, mistake), Practice[failing]), Does.StartWith(starts).And.EndWith(ends));

    // The instructor's solution (one connect after the other, each timed alone with a deadline of its own, each connection
    // closed), or a known-wrong variant of it.
    private static async Task<double[]> TimeConnects((IPEndPoint Server, int Count, TimeSpan PerAttempt) job, Mistake mistake)
    {
        var durations = new double[job.Count];
        var open = new List<Socket>();
        for (var i = 0; i < job.Count; i++)
        {
            if (mistake == Mistake.HandshakeTimer)
            {
                durations[i] = (await HandshakeTimer.MeasureAsync("connect", job.Server, 1, HandshakeTimer.Method.SocketAsync, job.PerAttempt)).Values[0] / 1000;
                continue;
            }

            var socket = new Socket(job.Server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            open.Add(socket);
            using var deadline = new CancellationTokenSource(job.PerAttempt);
            var clock = Stopwatch.StartNew();
            try
            {
                await socket.ConnectAsync(job.Server, mistake == Mistake.NoDeadline ? CancellationToken.None : deadline.Token);
            }
            catch (OperationCanceledException)
            {
                socket.Dispose();
                throw new TimeoutException(mistake == Mistake.UnnamedTimeout ? "No answer." : $"Connect {i + 1} of {job.Count} got no answer within {job.PerAttempt.TotalMilliseconds} ms.");
            }

            if (mistake == Mistake.TimesTheSend)
            {
                clock.Restart();
                await socket.SendAsync(new byte[] { 1 }, SocketFlags.None, deadline.Token);
            }

            durations[i] = mistake == Mistake.Constants ? 0.1 : mistake == Mistake.Microseconds ? clock.Elapsed.TotalMicroseconds : clock.Elapsed.TotalMilliseconds;
            if (mistake != Mistake.ClosesLate)
            {
                socket.Dispose();
            }
        }

        if (mistake == Mistake.ClosesLate)
        {
            _ = Task.Delay(3000).ContinueWith(_ => open.ForEach(s => s.Dispose()), TaskScheduler.Default);
        }

        return durations;
    }
}
