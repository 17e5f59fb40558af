using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NetCourse.Tests.Grading.SocketJudges;

/// <summary>06.3: the instructor's access list by subnet passes every case; each known-wrong handler fails a practice case.</summary>
public class AccessListJudgeTests
{
    private static readonly (string Allowed, string[] From)[] Practice =
    [
        ("127.0.0.0/30", ["127.0.0.1", "127.0.0.3", "127.0.0.4"]),
        ("127.0.0.7/32", ["127.0.0.7", "127.0.0.6"]),
        ("0.0.0.0/0", ["127.0.0.9"]),
        ("127.128.0.0/9", ["127.200.1.1", "127.1.2.3"]),
    ];

    [Test, CancelAfter(60_000)]
    public async Task The_Instructor_Solution_Passes_Every_Practice_And_Hidden_Case(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.AccessList, Admit, [.. Practice, .. JudgeRuns.Hidden(Judges.AccessList)]);

        Assert.That(report.Passed, Is.EqualTo(report.Cases.Count), JudgeRuns.Failures(report));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_Stub_Passes_Nothing(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.AccessList, (connection, allowed, ct) => throw new NotImplementedException("write Admit"), Practice);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Passed, Is.Zero, JudgeRuns.Failures(report));
            Assert.That(report.Cases[0].Got, Is.EqualTo("not implemented yet: write Admit"));
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task The_Servers_Own_Address_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.AccessList, (c, a, ct) => Serve(c, a, Mask, c.LocalEndPoint, Dotted, ct), Practice);

        Assert.That(report.Cases[0].Got, Is.EqualTo("""allowed 127.0.0.0/30, a client at 127.0.0.3: expected "127.0.0.3 allowed\n", got "127.0.0.1 allowed\n" """.TrimEnd()));
    }

    [Test, CancelAfter(60_000)]
    public async Task Comparing_Whole_Octets_As_Text_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.AccessList, OctetsAsText, Practice);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Cases[0].Got, Is.EqualTo("""allowed 127.0.0.0/30, a client at 127.0.0.4: expected "127.0.0.4 denied\n", got "127.0.0.4 allowed\n" """.TrimEnd()));
            Assert.That(report.Cases[3].Got, Is.EqualTo("""allowed 127.128.0.0/9, a client at 127.1.2.3: expected "127.1.2.3 denied\n", got "127.1.2.3 allowed\n" """.TrimEnd()));
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task A_Mask_One_Bit_Too_Long_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.AccessList, (c, a, ct) => Serve(c, a, n => n == 0 ? 0u : uint.MaxValue << (31 - n), c.RemoteEndPoint, Dotted, ct), Practice);

        Assert.That(report.Cases[0].Got, Is.EqualTo("""allowed 127.0.0.0/30, a client at 127.0.0.3: expected "127.0.0.3 allowed\n", got "127.0.0.3 denied\n" """.TrimEnd()));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_Mask_One_Bit_Too_Short_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.AccessList, (c, a, ct) => Serve(c, a, n => n == 0 ? 0u : uint.MaxValue << (33 - n), c.RemoteEndPoint, Dotted, ct), Practice);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Cases[0].Got, Is.EqualTo("""allowed 127.0.0.0/30, a client at 127.0.0.4: expected "127.0.0.4 denied\n", got "127.0.0.4 allowed\n" """.TrimEnd()));
            Assert.That(report.Cases[1].Got, Is.EqualTo("""allowed 127.0.0.7/32, a client at 127.0.0.6: expected "127.0.0.6 denied\n", got "127.0.0.6 allowed\n" """.TrimEnd()));
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task No_Guard_For_Slash_0_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.AccessList, (c, a, ct) => Serve(c, a, n => uint.MaxValue << (32 - n), c.RemoteEndPoint, Dotted, ct), Practice);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Cases.Where(c => !c.Passed).Select(c => c.Number), Is.EqualTo(new[] { 3 }));
            Assert.That(report.Cases[2].Got, Is.EqualTo("""allowed 0.0.0.0/0, a client at 127.0.0.9: expected "127.0.0.9 allowed\n", got "127.0.0.9 denied\n" """.TrimEnd()));
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task Answering_With_The_Mapped_IPv6_Form_Fails_Practice(CancellationToken token)
    {
        Assume.That(Socket.OSSupportsIPv6, "without IPv6 the learner's server is plain IPv4 and sees no mapped address");
        var report = await JudgeRuns.CheckAsync(Judges.AccessList, (c, a, ct) => Serve(c, a, Mask, c.RemoteEndPoint, address => address.ToString(), ct), Practice);

        Assert.That(report.Cases[0].Got, Is.EqualTo("""allowed 127.0.0.0/30, a client at 127.0.0.1: expected "127.0.0.1 allowed\n", got "::ffff:127.0.0.1 allowed\n" """.TrimEnd()));
    }

    [Test, CancelAfter(60_000)]
    public async Task Waiting_For_The_Client_To_Close_First_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.AccessList, WaitsForTheClient, Practice[..1]);

        Assert.That(report.Cases[0].Got, Is.EqualTo("""allowed 127.0.0.0/30, a client at 127.0.0.1: got "127.0.0.1 allowed\n", but the connection was still open 2 s later; close it once you have answered"""));
    }

    [Test, CancelAfter(60_000)]
    public async Task The_Judge_Peer_Connects_From_Each_Address_And_Judges_What_It_Saw(CancellationToken token)
    {
        var server = await Judges.AccessList.StartLearnerAsync(Admit, token);
        var output = new StringWriter();
        try
        {
            await JudgePeer.RunAsync(Judges.AccessList, new StringReader($$"""{"cases": [{"Item1": "127.0.0.4/31", "Item2": ["127.0.0.5", "127.0.0.6"]}], "port": {{Judges.AccessList.EndPointOf(server).Port}}}"""), output, token);
        }
        finally
        {
            await server.DisposeAsync();
        }

        var seen = System.Text.Json.Nodes.JsonNode.Parse(output.ToString())!["seen"]![0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Judges.AccessList.Judge(System.Text.Json.Nodes.JsonNode.Parse("""{"Item1": "127.0.0.4/31", "Item2": ["127.0.0.5", "127.0.0.6"]}"""), seen, null).Passed, Is.True, seen?.ToJsonString());
            Assert.That(Judges.AccessList.Judge(System.Text.Json.Nodes.JsonNode.Parse("""{"Item1": "127.0.0.4/30", "Item2": ["127.0.0.5", "127.0.0.6"]}"""), seen, null).Detail,
                Is.EqualTo("""allowed 127.0.0.4/30, a client at 127.0.0.6: expected "127.0.0.6 allowed\n", got "127.0.0.6 denied\n" """.TrimEnd()));
        }
    }

    // The instructor's solution: the client's address from the socket, unmapped; the block's mask with a guard for /0; the
    // answer sent whole; returning closes the connection.
    private static Task Admit(Socket connection, string allowed, CancellationToken cancellationToken) =>
        Serve(connection, allowed, Mask, connection.RemoteEndPoint, Dotted, cancellationToken);

    private static uint Mask(int length) => length == 0 ? 0u : uint.MaxValue << (32 - length);

    private static string Dotted(IPAddress address) => (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    private static async Task Serve(Socket connection, string allowed, Func<int, uint> mask, EndPoint? whose, Func<IPAddress, string> shown, CancellationToken cancellationToken)
    {
        var client = ((IPEndPoint)whose!).Address;
        var parts = allowed.Split('/');
        var bits = mask(int.Parse(parts[1]));
        var inside = (Ipv4Address.ToUInt32(Dotted(client)) & bits) == (Ipv4Address.ToUInt32(parts[0]) & bits);
        await Answer(connection, $"{shown(client)} {(inside ? "allowed" : "denied")}\n", cancellationToken);
    }

    // Wrong: compares the first length/8 octets as text, so a block that does not end on an octet is widened.
    private static async Task OctetsAsText(Socket connection, string allowed, CancellationToken cancellationToken)
    {
        var client = Dotted(((IPEndPoint)connection.RemoteEndPoint!).Address);
        var parts = allowed.Split('/');
        var octets = int.Parse(parts[1]) / 8;
        var inside = client.Split('.').Take(octets).SequenceEqual(parts[0].Split('.').Take(octets));
        await Answer(connection, $"{client} {(inside ? "allowed" : "denied")}\n", cancellationToken);
    }

    // Wrong: answers, then waits for the client to close before it returns.
    private static async Task WaitsForTheClient(Socket connection, string allowed, CancellationToken cancellationToken)
    {
        await Admit(connection, allowed, cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        await connection.ReceiveAsync(new byte[16], SocketFlags.None, deadline.Token);
    }

    private static async Task Answer(Socket connection, string text, CancellationToken cancellationToken)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(2));
        for (var sent = 0; sent < bytes.Length;)
        {
            sent += await connection.SendAsync(bytes.AsMemory(sent), SocketFlags.None, deadline.Token);
        }
    }
}
