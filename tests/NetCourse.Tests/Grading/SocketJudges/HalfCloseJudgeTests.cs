using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace NetCourse.Tests.Grading.SocketJudges;

/// <summary>08.3: the instructor's client half-closes and reads the whole reply; each known-wrong one fails a practice case.</summary>
public class HalfCloseJudgeTests
{
    private static readonly (int Size, int Pieces)[] Practice = [(100, 4), (5000, 10), (0, 2)];

    private static readonly TimeSpan Step = TimeSpan.FromSeconds(4);

    [Test, CancelAfter(60_000)]
    public async Task The_Instructor_Solution_Passes_Every_Practice_And_Hidden_Case(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.HalfClose, HalfCloseAndRead, [.. Practice, .. JudgeRuns.Hidden(Judges.HalfClose)]);

        Assert.That(report.Passed, Is.EqualTo(report.Cases.Count), JudgeRuns.Failures(report));
    }

    [Test, CancelAfter(60_000)]
    public async Task Not_Shutting_Down_The_Sending_Side_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.HalfClose, NoShutdown, Practice[..1]);

        Assert.That(report.Cases[0].Got, Is.EqualTo("100-byte request: the server waited 3 s for the end of the request (the client's FIN) and it never came: "
            + "after sending the request, shut down the sending side so the server knows the request is complete"));
    }

    [Test, CancelAfter(60_000)]
    public async Task Closing_Instead_Of_Shutting_Down_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.HalfClose, CloseThenRead, Practice);

        Assert.That(report.Cases[0].Got, Does.StartWith("100-byte request: the server got all of it and answered, but threw ObjectDisposedException")
            .And.EndWith("Shutdown(SocketShutdown.Send) ends only the sending side, Close ends both"));
    }

    [Test, CancelAfter(60_000)]
    public async Task One_Receive_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.HalfClose, OneReceive, Practice);

        Assert.That(report.Cases[0].Got, Does.StartWith("100-byte request: the reply was 2132 bytes in 4 pieces, got ").And.EndWith("; read until the server closes (a receive returns 0)"));
    }

    [Test, CancelAfter(60_000)]
    public async Task Calling_The_Course_Helper_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.HalfClose,
            async c => Encoding.UTF8.GetBytes(await SocketClient.RequestAsync(c.Server, Encoding.UTF8.GetString(c.Request), Step)), Practice);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Cases[0].Got, Does.StartWith("100-byte request: the server received ").And.EndWith("bytes that are not the 100-byte request"));
            Assert.That(report.Cases[2].Passed, Is.False, "the reply's bytes are not UTF-8 either: " + report.Cases[2].Got);
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task The_Judge_Peer_Serves_A_Half_Closing_Client_And_Judges_What_It_Saw(CancellationToken token)
    {
        var output = new StringWriter();
        // The second line ("done") is there at once: this judge serves one exchange, so the peer still waits for it.
        var peer = JudgePeer.RunAsync(Judges.HalfClose, new StringReader("""{"cases": [{"Item1": 10, "Item2": 3}]}""" + "\n{\"done\": true}\n"), output, token);
        while (output.ToString().Length == 0)
        {
            await Task.Delay(20, token);
        }

        var port = (int)JsonNode.Parse(output.ToString())!["servers"]![0]!["port"]!;
        var reply = await HalfCloseAndRead((new IPEndPoint(IPAddress.Loopback, port), HalfCloseJudge.Request(10)));
        await peer;
        var seen = JsonNode.Parse(output.ToString().Split('\n')[1])!["seen"]![0];
        var input = JsonNode.Parse("""{"Item1": 10, "Item2": 3}""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Judges.HalfClose.Judge(input, seen, new JsonObject { ["returned"] = Convert.ToBase64String(reply) }).Passed, Is.True);
            Assert.That(Judges.HalfClose.Judge(input, seen, new JsonObject { ["returned"] = Convert.ToBase64String(reply[..^1]) }).Detail,
                Is.EqualTo($"10-byte request: the reply was {reply.Length} bytes in 3 pieces, got {reply.Length - 1}; read until the server closes (a receive returns 0)"));
        }
    }

    // The instructor's solution: send everything, Shutdown(Send), receive until a receive returns 0.
    private static Task<byte[]> HalfCloseAndRead((IPEndPoint Server, byte[] Request) c) => Exchange(c, (socket, _) => socket.Shutdown(SocketShutdown.Send), readAll: true);

    // Wrong: never says the request is over.
    private static Task<byte[]> NoShutdown((IPEndPoint Server, byte[] Request) c) => Exchange(c, (_, _) => { }, readAll: true);

    // Wrong: closes the whole socket, then tries to read the reply.
    private static Task<byte[]> CloseThenRead((IPEndPoint Server, byte[] Request) c) => Exchange(c, (socket, _) => socket.Close(), readAll: true);

    // Wrong: takes one receive as the whole reply.
    private static Task<byte[]> OneReceive((IPEndPoint Server, byte[] Request) c) => Exchange(c, (socket, _) => socket.Shutdown(SocketShutdown.Send), readAll: false);

    private static async Task<byte[]> Exchange((IPEndPoint Server, byte[] Request) c, Action<Socket, byte[]> afterSending, bool readAll)
    {
        using var socket = new Socket(c.Server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var deadline = new CancellationTokenSource(Step);
        await socket.ConnectAsync(c.Server, deadline.Token);
        for (var sent = 0; sent < c.Request.Length;)
        {
            sent += await socket.SendAsync(c.Request.AsMemory(sent), SocketFlags.None, deadline.Token);
        }

        afterSending(socket, c.Request);
        var reply = new MemoryStream();
        var buffer = new byte[8192];
        int n;
        while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token)) > 0)
        {
            reply.Write(buffer, 0, n);
            if (!readAll)
            {
                break;
            }
        }

        return reply.ToArray();
    }
}
