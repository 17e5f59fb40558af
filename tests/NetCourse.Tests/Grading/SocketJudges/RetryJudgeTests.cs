using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NetCourse.Tests.Grading.SocketJudges;

public class RetryJudgeTests
{
    public enum Flaw
    {
        None,
        NoRetransmission,
        NoBackoff,
        GivesUpTooLate,
        AcceptsAnyReply,
        LittleEndianId,
        WrongException,
        MessageWithoutTries,
    }

    // The practice cases of notebooks/17-reliable-udp.ipynb.
    private static readonly RetryCase[] Practice =
    [
        new(258, "hello", 4, 50, 0),
        new(7, "lost twice", 4, 50, 2),
        new(300, "stale first", 3, 60, 1, StaleFirst: true),
        new(9, "nobody home", 3, 50, 99),
    ];

    [Test, CancelAfter(60_000)]
    public async Task Instructor_Solution_Passes_Every_Practice_And_Hidden_Case()
    {
        RetryCase[] cases = [.. Practice, .. JudgeRuns.Hidden(Judges.Retry)];

        var report = await JudgeRuns.CheckAsync(Judges.Retry, Client(Flaw.None), cases);

        Assert.That(report.Passed, Is.EqualTo(cases.Length), JudgeRuns.Failures(report));
    }

    [TestCase(Flaw.NoRetransmission, "the server answered try 3")]
    [TestCase(Flaw.NoBackoff, "try 3 went out")]
    [TestCase(Flaw.GivesUpTooLate, "expected exactly 3 tries")]
    [TestCase(Flaw.AcceptsAnyReply, "must ignore replies with another id")]
    [TestCase(Flaw.LittleEndianId, "network byte order")]
    [TestCase(Flaw.WrongException, "expected a TimeoutException after 3 tries")]
    [TestCase(Flaw.MessageWithoutTries, "should say how many tries")]
    [CancelAfter(30_000)]
    public async Task Known_Wrong_Solution_Fails_A_Practice_Case(Flaw flaw, string because)
    {
        var report = await JudgeRuns.CheckAsync(Judges.Retry, Client(flaw), Practice);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Passed, Is.LessThan(Practice.Length));
            Assert.That(JudgeRuns.Failures(report), Does.Contain(because));
        }
    }

    [Test, CancelAfter(30_000)]
    public async Task A_Request_That_Hangs_Is_Stopped_By_The_Case_Deadline()
    {
        var report = await JudgeRuns.CheckAsync(Judges.Retry, _ => new TaskCompletionSource<string>().Task, Practice[0]);

        Assert.That(report.Cases[0].Got, Does.StartWith("did not finish within"));
    }

    private static Func<(IPEndPoint Server, ushort Id, string Text, int Tries, int FirstTimeoutMs), Task<string>> Client(Flaw flaw) => async job =>
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var text = Encoding.UTF8.GetBytes(job.Text);
        byte[] id = flaw == Flaw.LittleEndianId ? [(byte)job.Id, (byte)(job.Id >> 8)] : [(byte)(job.Id >> 8), (byte)job.Id];
        var request = id.Concat(text).ToArray();
        var buffer = new byte[65536];
        var timeout = TimeSpan.FromMilliseconds(job.FirstTimeoutMs);
        var tries = flaw switch { Flaw.NoRetransmission => 1, Flaw.GivesUpTooLate => job.Tries + 1, _ => job.Tries };
        for (var attempt = 1; attempt <= tries; attempt++)
        {
            await socket.SendToAsync(request, SocketFlags.None, job.Server);
            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                while (true)
                {
                    var n = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
                    if (flaw == Flaw.AcceptsAnyReply || (n >= 2 && buffer[0] == id[0] && buffer[1] == id[1]))
                    {
                        return Encoding.UTF8.GetString(buffer, 2, n - 2);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }

            timeout *= flaw == Flaw.NoBackoff ? 1 : 2;
        }

        throw flaw switch
        {
            Flaw.WrongException => new InvalidOperationException("no reply"),
            Flaw.MessageWithoutTries => new TimeoutException("The server did not answer."),
            _ => new TimeoutException($"No reply to request {job.Id} after {tries} tries."),
        };
    };
}
