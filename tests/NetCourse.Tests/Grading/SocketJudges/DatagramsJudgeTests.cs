using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NetCourse.Tests.Grading.SocketJudges;

/// <summary>10.2: the instructor's UDP client collects each datagram whole until it has Count or its deadline passes; each known-wrong one fails a practice case.</summary>
public class DatagramsJudgeTests
{
    private static readonly (int[] Sizes, int Count, int DeadlineMs)[] Practice = [([5, 0, 1, 12], 4, 1000), ([9000, 65507, 3], 3, 1000), ([20, 0, 30], 5, 800)];

    /// <summary>What a known-wrong client does differently from the instructor's.</summary>
    public enum Mistake
    {
        /// <summary>None: the instructor's solution.</summary>
        None,

        /// <summary>Receives into 1024 bytes.</summary>
        SmallBuffer,

        /// <summary>Takes an empty datagram for the end, as a 0-byte receive on TCP.</summary>
        StopAtEmpty,

        /// <summary>Receives without a deadline.</summary>
        NoDeadline,

        /// <summary>Returns the bytes of all datagrams as one, as from a stream.</summary>
        Joined,

        /// <summary>Receives until the deadline even once Count datagrams have come.</summary>
        UntilTheDeadline,

        /// <summary>Sends no request.</summary>
        NoRequest,
    }

    private static IEnumerable<TestCaseData> Mistakes() =>
    [
        new TestCaseData(Mistake.SmallBuffer, 1, "sizes [9000, 65507, 3], 3 asked for: expected 3 datagrams of [9000, 65507, 3] bytes, got 3 of [1024, 1024, 3]: "
            + "datagram 1 was 9000 bytes but you returned 1024 of them.", "receive into a buffer as large as the largest UDP datagram, 65507 bytes over IPv4"),
        new TestCaseData(Mistake.StopAtEmpty, 0, "sizes [5, 0, 1, 12], 4 asked for: expected 4 datagrams of [5, 0, 1, 12] bytes, got 1 of [5]: you stopped at datagram 2, "
            + "which is empty. On UDP a datagram of 0 bytes is a message like any other; only on a TCP stream does a receive of 0 bytes mean that the peer has closed", ""),
        new TestCaseData(Mistake.NoDeadline, 2, "sizes [20, 0, 30]: did not finish within 5 s; only 3 of the 5 datagrams asked for came, and a receive with no deadline "
            + "waits for ever: give the whole collection its deadline of 800 ms and return what came by then", ""),
        new TestCaseData(Mistake.Joined, 0, "sizes [5, 0, 1, 12], 4 asked for: expected 4 datagrams of [5, 0, 1, 12] bytes, got 1 of [18]: datagram 1 came back longer "
            + "than it was sent; UDP keeps each datagram's boundaries, so return each receive as one datagram and do not join them", ""),
        new TestCaseData(Mistake.UntilTheDeadline, 0, "sizes [5, 0, 1, 12]: returned after ", "ms, although all 4 datagrams had come; stop as soon as you have Count of them"),
        new TestCaseData(Mistake.NoRequest, 0, "sizes [5, 0, 1, 12]: the server got no request; send \"SEND\" as one datagram first", ""),
    ];

    [Test, CancelAfter(90_000)]
    public Task The_Instructor_Solution_Passes_Every_Practice_And_Hidden_Case(CancellationToken token) =>
        JudgeRuns.PassesEveryCaseAsync(Judges.Datagrams, job => Collect(job, Mistake.None), Practice);

    [TestCaseSource(nameof(Mistakes)), CancelAfter(60_000)]
    public async Task A_Known_Wrong_Solution_Fails_A_Practice_Case(Mistake mistake, int failing, string starts, string ends, CancellationToken token) =>
        Assert.That(await JudgeRuns.GotAsync(Judges.Datagrams, job => Collect(job, mistake), Practice[failing]), Does.StartWith(starts).And.EndWith(ends));

    // The instructor's solution (a 65,507-byte buffer, an empty datagram kept, one deadline for the whole collection), or a known-wrong variant of it.
    private static async Task<byte[][]> Collect((IPEndPoint Server, string Request, int Count, TimeSpan Deadline) job, Mistake mistake)
    {
        if (mistake == Mistake.NoRequest)
        {
            return [];
        }

        using var socket = new Socket(job.Server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.SendTo(Encoding.UTF8.GetBytes(job.Request), job.Server);
        using var limit = new CancellationTokenSource(job.Deadline);
        var datagrams = new List<byte[]>();
        var buffer = new byte[mistake == Mistake.SmallBuffer ? 1024 : 65_507];
        while (mistake == Mistake.UntilTheDeadline || datagrams.Count < job.Count)
        {
            try
            {
                var got = await socket.ReceiveFromAsync(buffer, SocketFlags.None, job.Server, mistake == Mistake.NoDeadline ? CancellationToken.None : limit.Token);
                if (mistake == Mistake.StopAtEmpty && got.ReceivedBytes == 0)
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

        return mistake == Mistake.Joined ? [[.. datagrams.SelectMany(d => d)]] : [.. datagrams.Take(job.Count)];
    }
}
