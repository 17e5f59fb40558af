using System.Net;
using System.Net.Sockets;

namespace NetCourse.Tests.Grading.SocketJudges;

/// <summary>05.2: the instructor's client tries each candidate in order with a per-attempt deadline; each known-wrong one fails a practice case.</summary>
public class TryEachJudgeTests
{
    private static readonly (string Order, int PerAttemptMs)[] Practice = [("SRL", 600), ("LRS", 600), ("RSL", 400)];

    [Test, CancelAfter(90_000)]
    public async Task The_Instructor_Solution_Passes_Every_Practice_And_Hidden_Case(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.TryEach, FirstThatAnswers, [.. Practice, .. JudgeRuns.Hidden(Judges.TryEach)]);

        Assert.That(report.Passed, Is.EqualTo(report.Cases.Count), JudgeRuns.Failures(report));
    }

    [Test, CancelAfter(60_000)]
    public async Task Connecting_Without_A_Deadline_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.TryEach, NoDeadline, Practice[..1]);

        Assert.That(report.Cases[0].Got, Is.EqualTo("candidates silent, refusing, live: did not finish within 5 s; a connect to a port that never answers waits far longer than that unless the attempt has its own deadline"));
    }

    [Test, CancelAfter(60_000)]
    public async Task Racing_All_Candidates_At_Once_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.TryEach, Race, Practice);

        Assert.That(report.Cases[0].Got, Does.StartWith("candidates silent, refusing, live: answered after ")
            .And.EndWith("ms, but 1 silent candidate(s) come first and each may give up only after its 600 ms deadline: try the candidates one after the other, in order"));
    }

    [Test, CancelAfter(60_000)]
    public async Task Stopping_At_The_First_Failure_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.TryEach, FirstOnly, Practice);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Cases[0].Got, Does.StartWith("candidates silent, refusing, live: threw TimeoutException"));
            Assert.That(report.Cases[1].Passed, Is.True);
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task Returning_The_First_Candidate_Untried_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.TryEach, c => Task.FromResult(c.Candidates[0]), Practice[..1]);

        Assert.That(report.Cases[0].Got, Is.EqualTo("candidates silent, refusing, live: returned silent, but only the live server accepts connections"));
    }

    [Test, CancelAfter(60_000)]
    public async Task Catching_Only_Refusals_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.TryEach, CatchesOnlySocketException, Practice);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Cases[0].Got, Is.EqualTo("candidates silent, refusing, live: threw OperationCanceledException: The operation was canceled."));
            Assert.That(report.Cases[1].Passed, Is.True);
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task Leaving_The_Connection_Open_Fails_Practice(CancellationToken token)
    {
        var kept = new List<Socket>();
        try
        {
            var report = await JudgeRuns.CheckAsync(Judges.TryEach, c => FirstThatAnswers(c, kept), Practice[1..2]);

            Assert.That(report.Cases[0].Got, Is.EqualTo("candidates live, refusing, silent: the connection to the live server was still open 0.5 s after the function returned; close it once you know it answered"));
        }
        finally
        {
            kept.ForEach(s => s.Dispose());
        }
    }

    // The instructor's solution: one candidate after the other, each connect with its own deadline, the connection closed.
    private static Task<IPEndPoint> FirstThatAnswers((IPEndPoint[] Candidates, TimeSpan PerAttempt) c) => FirstThatAnswers(c, null);

    private static async Task<IPEndPoint> FirstThatAnswers((IPEndPoint[] Candidates, TimeSpan PerAttempt) c, List<Socket>? keep)
    {
        var failures = new List<string>();
        foreach (var candidate in c.Candidates)
        {
            var socket = new Socket(candidate.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            using var deadline = new CancellationTokenSource(c.PerAttempt);
            try
            {
                await socket.ConnectAsync(candidate, deadline.Token);
                if (keep is null)
                {
                    socket.Dispose();
                }
                else
                {
                    keep.Add(socket);
                }

                return candidate;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                socket.Dispose();
                failures.Add($"{candidate}: {e.Message}");
            }
        }

        throw new SocketException((int)SocketError.HostUnreachable, $"No candidate answered: {string.Join("; ", failures)}");
    }

    // Wrong: no deadline per attempt, so the silent candidate holds the loop.
    private static async Task<IPEndPoint> NoDeadline((IPEndPoint[] Candidates, TimeSpan PerAttempt) c)
    {
        foreach (var candidate in c.Candidates)
        {
            using var socket = new Socket(candidate.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(candidate);
                return candidate;
            }
            catch (SocketException)
            {
            }
        }

        throw new SocketException((int)SocketError.HostUnreachable);
    }

    // Wrong: connects to all at once and takes the first that answers.
    private static async Task<IPEndPoint> Race((IPEndPoint[] Candidates, TimeSpan PerAttempt) c)
    {
        using var deadline = new CancellationTokenSource(c.PerAttempt);
        var attempts = c.Candidates.Select(async candidate =>
        {
            using var socket = new Socket(candidate.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(candidate, deadline.Token);
            return candidate;
        }).ToList();
        while (attempts.Count > 0)
        {
            var done = await Task.WhenAny(attempts);
            if (done.IsCompletedSuccessfully)
            {
                await deadline.CancelAsync();
                return done.Result;
            }

            attempts.Remove(done);
        }

        throw new SocketException((int)SocketError.HostUnreachable);
    }

    // Wrong: only the first candidate, with a deadline.
    private static async Task<IPEndPoint> FirstOnly((IPEndPoint[] Candidates, TimeSpan PerAttempt) c)
    {
        using var socket = await SocketClient.ConnectAsync(c.Candidates[0], c.PerAttempt);
        return c.Candidates[0];
    }

    // Wrong: goes on after a refusal, but the deadline's cancellation escapes.
    private static async Task<IPEndPoint> CatchesOnlySocketException((IPEndPoint[] Candidates, TimeSpan PerAttempt) c)
    {
        foreach (var candidate in c.Candidates)
        {
            using var socket = new Socket(candidate.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            using var deadline = new CancellationTokenSource(c.PerAttempt);
            try
            {
                await socket.ConnectAsync(candidate, deadline.Token);
                return candidate;
            }
            catch (SocketException)
            {
            }
        }

        throw new SocketException((int)SocketError.HostUnreachable);
    }
}
