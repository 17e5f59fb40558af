using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NetCourse.Tests.Grading.SocketJudges;

/// <summary>10.2: the instructor's UDP client collects each datagram whole until it has Count or its deadline passes; each known-wrong one fails a practice case.</summary>
public class DatagramsJudgeTests
{
    private static readonly (int[] Sizes, int Count, int DeadlineMs)[] Practice = [([5, 0, 1, 12], 4, 1000), ([9000, 65507, 3], 3, 1000), ([20, 0, 30], 5, 800)];

    [Test, CancelAfter(90_000)]
    public async Task The_Instructor_Solution_Passes_Every_Practice_And_Hidden_Case(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.Datagrams, job => Collect(job, 65_507, stopAtEmpty: false, deadline: true), [.. Practice, .. JudgeRuns.Hidden(Judges.Datagrams)]);

        Assert.That(report.Passed, Is.EqualTo(report.Cases.Count), JudgeRuns.Failures(report));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_Small_Receive_Buffer_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.Datagrams, job => Collect(job, 1024, stopAtEmpty: false, deadline: true), Practice);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Cases[0].Passed, Is.True);
            Assert.That(report.Cases[1].Got, Does.StartWith("sizes [9000, 65507, 3], 3 asked for: expected 3 datagrams of [9000, 65507, 3] bytes, got 3 of [1024, 1024, 3]: "
                + "datagram 1 was 9000 bytes but you returned 1024 of them."));
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task Stopping_At_An_Empty_Datagram_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.Datagrams, job => Collect(job, 65_507, stopAtEmpty: true, deadline: true), Practice[..1]);

        Assert.That(report.Cases[0].Got, Is.EqualTo("sizes [5, 0, 1, 12], 4 asked for: expected 4 datagrams of [5, 0, 1, 12] bytes, got 1 of [5]: you stopped at datagram 2, "
            + "which is empty. On UDP a datagram of 0 bytes is a message like any other; only on a TCP stream does a receive of 0 bytes mean that the peer has closed"));
    }

    [Test, CancelAfter(60_000)]
    public async Task No_Deadline_Fails_Practice_When_Fewer_Datagrams_Come(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.Datagrams, job => Collect(job, 65_507, stopAtEmpty: false, deadline: false), Practice);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Cases[0].Passed, Is.True);
            Assert.That(report.Cases[2].Got, Is.EqualTo("sizes [20, 0, 30]: did not finish within 5 s; only 3 of the 5 datagrams asked for came, and a receive with no deadline "
                + "waits for ever: give the whole collection its deadline of 800 ms and return what came by then"));
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task Joining_The_Datagrams_Into_One_Stream_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.Datagrams, Joined, Practice[..1]);

        Assert.That(report.Cases[0].Got, Is.EqualTo("sizes [5, 0, 1, 12], 4 asked for: expected 4 datagrams of [5, 0, 1, 12] bytes, got 1 of [18]: datagram 1 came back longer "
            + "than it was sent; UDP keeps each datagram's boundaries, so return each receive as one datagram and do not join them"));
    }

    [Test, CancelAfter(60_000)]
    public async Task Always_Waiting_For_The_Deadline_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.Datagrams, UntilTheDeadline, Practice);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Cases[0].Got, Does.StartWith("sizes [5, 0, 1, 12]: returned after ").And.EndWith("ms, although all 4 datagrams had come; stop as soon as you have Count of them"));
            Assert.That(report.Cases[2].Passed, Is.True);
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task Sending_No_Request_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.Datagrams, job => Task.FromResult(Array.Empty<byte[]>()), Practice[..1]);

        Assert.That(report.Cases[0].Got, Is.EqualTo("sizes [5, 0, 1, 12]: the server got no request; send \"SEND\" as one datagram first"));
    }

    // The instructor's solution (buffer 65,507, no stop at an empty datagram, a deadline for the whole collection), and
    // known-wrong variants of it.
    private static async Task<byte[][]> Collect((IPEndPoint Server, string Request, int Count, TimeSpan Deadline) job, int bufferSize, bool stopAtEmpty, bool deadline)
    {
        using var socket = new Socket(job.Server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.SendTo(Encoding.UTF8.GetBytes(job.Request), job.Server);
        using var limit = new CancellationTokenSource(job.Deadline);
        var datagrams = new List<byte[]>();
        var buffer = new byte[bufferSize];
        while (datagrams.Count < job.Count)
        {
            try
            {
                var got = await socket.ReceiveFromAsync(buffer, SocketFlags.None, job.Server, deadline ? limit.Token : CancellationToken.None);
                if (stopAtEmpty && got.ReceivedBytes == 0)
                {
                    break;
                }

                datagrams.Add(buffer[..got.ReceivedBytes]);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return [.. datagrams];
    }

    // Wrong: reads the replies as one stream of bytes, as from TCP.
    private static async Task<byte[][]> Joined((IPEndPoint Server, string Request, int Count, TimeSpan Deadline) job)
    {
        var datagrams = await Collect(job, 65_507, stopAtEmpty: false, deadline: true);
        return [[.. datagrams.SelectMany(d => d)]];
    }

    // Wrong: keeps receiving until the deadline even once Count datagrams have come.
    private static async Task<byte[][]> UntilTheDeadline((IPEndPoint Server, string Request, int Count, TimeSpan Deadline) job)
    {
        using var socket = new Socket(job.Server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.SendTo(Encoding.UTF8.GetBytes(job.Request), job.Server);
        using var limit = new CancellationTokenSource(job.Deadline);
        var datagrams = new List<byte[]>();
        var buffer = new byte[65_507];
        try
        {
            while (true)
            {
                var got = await socket.ReceiveFromAsync(buffer, SocketFlags.None, job.Server, limit.Token);
                datagrams.Add(buffer[..got.ReceivedBytes]);
            }
        }
        catch (OperationCanceledException)
        {
            return [.. datagrams.Take(job.Count)];
        }
    }
}
