using System.Net.Sockets;
using System.Text;

namespace NetCourse.Tests.Grading.SocketJudges;

/// <summary>13.2: the instructor's line-framed handler passes every case; each known-wrong handler fails a practice case.</summary>
public class LineServerJudgeTests
{
    private static readonly (string Text, int[] Cuts, int Clients)[] Practice =
    [
        ("hello\nworld\n", [3, 8], 1),
        ("héllo wörld\nnaïve\n", [2, 9], 1),
        ("one\ntwo\n\nlast", [], 3),
    ];

    [Test, CancelAfter(60_000)]
    public async Task The_Instructor_Solution_Passes_Every_Practice_And_Hidden_Case(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.LineServer, UpperLines, [.. Practice, .. JudgeRuns.Hidden(Judges.LineServer)]);

        Assert.That(report.Passed, Is.EqualTo(report.Cases.Count), JudgeRuns.Failures(report));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_Stub_Earns_Nothing_For_Sending_Nothing_Back_When_Nothing_Was_Sent(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.LineServer, (connection, ct) => throw new NotImplementedException("write UpperLines"),
            [.. Practice, .. JudgeRuns.Hidden(Judges.LineServer)]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Passed, Is.Zero, string.Join("; ", report.Cases.Select(c => c.Got)));
            Assert.That(report.Cases[0].Got, Is.EqualTo("not implemented yet: write UpperLines"));
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task Taking_Each_Receive_As_A_Line_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.LineServer, ReceiveIsALine, Practice);

        Assert.That(report.Cases[0].Got, Is.EqualTo("""sent "hello\nworld\n" in 3 piece(s): expected "HELLO\nWORLD\n", got "HEL\nLO\nWO\nRLD\n" """.TrimEnd()));
    }

    [Test, CancelAfter(60_000)]
    public async Task Ignoring_The_Rest_Of_A_Receive_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.LineServer, FirstLineOfEachReceive, Practice);

        Assert.That(report.Cases[2].Got, Is.EqualTo("""sent "one\ntwo\n\nlast" in 1 piece(s) from 3 clients at once: expected "ONE\nTWO\n\nLAST\n", got "ONE\n" """.TrimEnd()));
    }

    [Test, CancelAfter(60_000)]
    public async Task Decoding_Each_Receive_Separately_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.LineServer, DecodesEachReceive, Practice);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Cases[0].Passed, Is.True, report.Cases[0].Got);
            Assert.That(report.Cases[1].Got, Does.StartWith("""sent "héllo wörld\nnaïve\n" in 3 piece(s): expected "HÉLLO WÖRLD\nNAÏVE\n", got "H�"""));
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task Never_Closing_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.LineServer, NeverCloses, Practice[..1]);

        Assert.That(report.Cases[0].Got, Is.EqualTo("""sent "hello\nworld\n" in 3 piece(s), then half-closed: the handler did not close the connection within 3 s (got "HELLO\nWORLD\n" so far); once a receive returns 0, answer what is left and return"""));
    }

    [Test, CancelAfter(60_000)]
    public async Task Calling_The_Course_Helper_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.LineServer, Handlers.PerLine(line => line.ToUpperInvariant()), Practice);

        Assert.That(report.Cases[2].Got, Is.EqualTo("threw InvalidDataException: The stream ended in the middle of a line (4 bytes without '\\n')."));
    }

    [Test, CancelAfter(60_000)]
    public async Task The_Judge_Peer_Visits_The_Learners_Server_And_Judges_What_It_Saw(CancellationToken token)
    {
        await using var server = await TcpServer.StartAsync("line-server-peer-test", UpperLines, cancellationToken: token);
        var output = new StringWriter();
        await JudgePeer.RunAsync(Judges.LineServer, new StringReader($$"""{"cases": [{"Item1": "é\nab", "Item2": [1], "Item3": 2}], "port": {{server.EndPoint.Port}}}"""), output, token);
        var seen = System.Text.Json.Nodes.JsonNode.Parse(output.ToString())!["seen"]![0];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Judges.LineServer.Judge(System.Text.Json.Nodes.JsonNode.Parse("""{"Item1": "é\nab", "Item2": [1], "Item3": 2}"""), seen, null).Passed, Is.True, seen?.ToJsonString());
            Assert.That(Judges.LineServer.Judge(System.Text.Json.Nodes.JsonNode.Parse("""{"Item1": "é\nabc", "Item2": [1], "Item3": 2}"""), seen, null).Detail,
                Is.EqualTo("""sent "é\nabc" in 2 piece(s) from 2 clients at once: expected "É\nABC\n", got "É\nAB\n" """.TrimEnd()));
        }
    }

    // The instructor's solution: bytes are buffered until a '\n', each whole line is decoded and answered, the rest kept for
    // the next receive; at the end of input a last line without '\n' is answered too, and the handler returns.
    private static Task UpperLines(Socket connection, CancellationToken cancellationToken) => Serve(connection, answerRest: true, keepOpen: false, cancellationToken);

    private static Task NeverCloses(Socket connection, CancellationToken cancellationToken) => Serve(connection, answerRest: true, keepOpen: true, cancellationToken);

    private static async Task Serve(Socket connection, bool answerRest, bool keepOpen, CancellationToken cancellationToken)
    {
        var pending = new List<byte>();
        var buffer = new byte[4096];
        int n;
        while ((n = await Receive(connection, buffer, cancellationToken)) > 0)
        {
            pending.AddRange(buffer.AsSpan(0, n));
            int newline;
            while ((newline = pending.IndexOf((byte)'\n')) >= 0)
            {
                await Answer(connection, Encoding.UTF8.GetString([.. pending[..newline]]), cancellationToken);
                pending.RemoveRange(0, newline + 1);
            }
        }

        if (answerRest && pending.Count > 0)
        {
            await Answer(connection, Encoding.UTF8.GetString([.. pending]), cancellationToken);
        }

        if (keepOpen)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    // Wrong: every receive is taken as one line.
    private static async Task ReceiveIsALine(Socket connection, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        int n;
        while ((n = await Receive(connection, buffer, cancellationToken)) > 0)
        {
            await Answer(connection, Encoding.UTF8.GetString(buffer, 0, n).TrimEnd('\n'), cancellationToken);
        }
    }

    // Wrong: answers the first line of each receive and drops the rest.
    private static async Task FirstLineOfEachReceive(Socket connection, CancellationToken cancellationToken)
    {
        var pending = new List<byte>();
        var buffer = new byte[4096];
        int n;
        while ((n = await Receive(connection, buffer, cancellationToken)) > 0)
        {
            pending.AddRange(buffer.AsSpan(0, n));
            var newline = pending.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                await Answer(connection, Encoding.UTF8.GetString([.. pending[..newline]]), cancellationToken);
                pending.Clear();
            }
        }
    }

    // Wrong: decodes every receive on its own, so a character cut between two receives becomes two replacement characters.
    private static async Task DecodesEachReceive(Socket connection, CancellationToken cancellationToken)
    {
        var pending = new StringBuilder();
        var buffer = new byte[4096];
        int n;
        while ((n = await Receive(connection, buffer, cancellationToken)) > 0)
        {
            pending.Append(Encoding.UTF8.GetString(buffer, 0, n));
            var text = pending.ToString();
            var lines = text.Split('\n');
            foreach (var line in lines[..^1])
            {
                await Answer(connection, line, cancellationToken);
            }

            pending.Clear().Append(lines[^1]);
        }

        if (pending.Length > 0)
        {
            await Answer(connection, pending.ToString(), cancellationToken);
        }
    }

    private static async Task<int> Receive(Socket connection, byte[] buffer, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30)); // a client that never sends is dropped after 30 s
        return await connection.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
    }

    private static async Task Answer(Socket connection, string line, CancellationToken cancellationToken)
    {
        var reply = Encoding.UTF8.GetBytes(line.ToUpperInvariant() + "\n");
        for (var sent = 0; sent < reply.Length;)
        {
            sent += await connection.SendAsync(reply.AsMemory(sent), SocketFlags.None, cancellationToken);
        }
    }
}
