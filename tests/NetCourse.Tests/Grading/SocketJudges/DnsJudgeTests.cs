using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NetCourse.Tests.Grading.SocketJudges;

public class DnsJudgeTests
{
    public enum Flaw
    {
        None,
        LittleEndianId,
        IgnoresCompressionPointer,
        AssumesAPointer,
        NoIdCheck,
        NoResponseCodeCheck,
        DottedName,
    }

    // The practice cases of notebooks/18-names-and-dual-stack.ipynb.
    private static readonly DnsCase[] Practice =
    [
        new("course.test", 0x1234, "127.0.0.1"),
        new("www.course.test", 0x0102, "127.0.0.2", Compress: false),
        new("mail.course.test", 0xBEEF, "127.0.0.9", WrongIdFirst: true),
        new("nowhere.course.test", 0x0A0B, null),
    ];

    [Test, CancelAfter(60_000)]
    public async Task Instructor_Solution_Passes_Every_Practice_And_Hidden_Case()
    {
        DnsCase[] cases = [.. Practice, .. JudgeRuns.Hidden(Judges.Dns)];

        var report = await JudgeRuns.CheckAsync(Judges.Dns, Client(Flaw.None), cases);

        Assert.That(report.Passed, Is.EqualTo(cases.Length), JudgeRuns.Failures(report));
    }

    [TestCase(Flaw.LittleEndianId, "network byte order")]
    [TestCase(Flaw.IgnoresCompressionPointer, "its name a compression pointer; the lookup")]
    [TestCase(Flaw.AssumesAPointer, "its name written out in labels; the lookup")]
    [TestCase(Flaw.NoIdCheck, "check the reply's id")]
    [TestCase(Flaw.NoResponseCodeCheck, "NXDOMAIN")]
    [TestCase(Flaw.DottedName, "the question asks for \"course\\.test\"")]
    [CancelAfter(30_000)]
    public async Task Known_Wrong_Solution_Fails_A_Practice_Case(Flaw flaw, string because)
    {
        var report = await JudgeRuns.CheckAsync(Judges.Dns, Client(flaw), Practice);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Passed, Is.LessThan(Practice.Length));
            Assert.That(JudgeRuns.Failures(report), Does.Contain(because));
        }
    }

    private static Func<(IPEndPoint Server, string Name, ushort Id), Task<IPAddress?>> Client(Flaw flaw) => async job =>
    {
        byte[] id = flaw == Flaw.LittleEndianId ? [(byte)job.Id, (byte)(job.Id >> 8)] : [(byte)(job.Id >> 8), (byte)job.Id];
        var query = new List<byte>(id) { 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };
        if (flaw == Flaw.DottedName)
        {
            query.Add((byte)job.Name.Length);
            query.AddRange(Encoding.ASCII.GetBytes(job.Name));
        }
        else
        {
            foreach (var label in job.Name.Split('.'))
            {
                query.Add((byte)label.Length);
                query.AddRange(Encoding.ASCII.GetBytes(label));
            }
        }

        query.AddRange([0, 0, 1, 0, 1]);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        await socket.SendToAsync(query.ToArray(), SocketFlags.None, job.Server);
        var reply = new byte[512];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        int n;
        do
        {
            n = await socket.ReceiveAsync(reply, SocketFlags.None, deadline.Token);
        }
        while (flaw != Flaw.NoIdCheck && (n < 12 || reply[0] != query[0] || reply[1] != query[1]));

        if (flaw != Flaw.NoResponseCodeCheck && (reply[3] & 0x0F) == 3)
        {
            return null;
        }

        int SkipName(int at)
        {
            while (reply[at] != 0)
            {
                if (flaw == Flaw.AssumesAPointer)
                {
                    return at + 2;
                }

                if (flaw != Flaw.IgnoresCompressionPointer && (reply[at] & 0xC0) == 0xC0)
                {
                    return at + 2;
                }

                at += 1 + reply[at];
            }

            return at + 1;
        }

        var answer = flaw == Flaw.AssumesAPointer ? SkipQuestion() : SkipName(SkipName(12) + 4);
        int SkipQuestion()
        {
            var at = 12;
            while (reply[at] != 0)
            {
                at += 1 + reply[at];
            }

            return SkipName(at + 5);
        }

        var length = (reply[answer + 8] << 8) | reply[answer + 9];
        return new IPAddress(reply.AsSpan(answer + 10, length));
    };
}
