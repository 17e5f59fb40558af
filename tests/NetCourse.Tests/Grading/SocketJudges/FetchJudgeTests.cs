using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NetCourse.Tests.Grading.SocketJudges;

/// <summary>12.1 and 13.1 deliver the reply in pieces down to one byte with pauses between them; a client that takes one receive as the reply fails.</summary>
public class FetchJudgeTests
{
    // The notebook's practice cases of 12.1, and one whose reply comes one byte at a time.
    private static readonly (string Request, int Pieces)[] Practice = [("hello", 3), ("a longer request line", 8), ("one byte", 1000)];

    [Test, CancelAfter(60_000)]
    public async Task A_Client_That_Reads_To_The_Newline_Passes_Every_Practice_And_Hidden_Case_Even_One_Byte_At_A_Time(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.Fetch, Fetch, [.. Practice, .. JudgeRuns.Hidden(Judges.Fetch)]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Passed, Is.EqualTo(report.Cases.Count), JudgeRuns.Failures(report));
            Assert.That(JudgeRuns.Hidden(Judges.Fetch), Has.Some.Matches<(string Request, int Pieces)>(c => c.Pieces >= 3 * Encoding.UTF8.GetByteCount(c.Request)),
                "a hidden case sends the reply one byte at a time");
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task A_Client_That_Takes_One_Receive_As_The_Reply_Fails_The_One_Byte_Case(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.Fetch, OneReceive, Practice);

        Assert.That(report.Cases[2].Got, Is.EqualTo("expected 24 characters, got 1"));
    }

    [Test, CancelAfter(60_000)]
    public async Task The_Course_Helper_That_Reads_Until_Close_Fails_Because_The_Server_Keeps_The_Connection_Open(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.Fetch, c => SocketClient.RequestAsync(c.Server, c.Request, TimeSpan.FromSeconds(1)), Practice[..1]);

        Assert.That(report.Cases[0].Got, Is.EqualTo("expected 15 characters, got 0"), "it sent no newline, so the server never answered");
    }

    [Test, CancelAfter(60_000)]
    public async Task ReadExactly_Sends_One_Byte_At_A_Time_In_A_Hidden_Case_And_A_Single_Read_Fails_It(CancellationToken token)
    {
        var hidden = JudgeRuns.Hidden(Judges.ReadExactly);
        var report = await JudgeRuns.CheckAsync(Judges.ReadExactly, c =>
        {
            var buffer = new byte[c.Count];
            var n = c.Source.Read(buffer);
            return buffer[..n];
        }, [.. hidden.Where(c => c.Chunk == 1 && c.Size > 1)]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Cases, Is.Not.Empty, "a hidden case of 13.1 sends one byte at a time");
            Assert.That(report.Cases.Select(c => c.Got), Has.All.EqualTo("asked for 200 bytes arriving 1 at a time, got other bytes"));
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task A_Read_Loop_Passes_Every_Hidden_Case_Of_ReadExactly(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.ReadExactly, c =>
        {
            var buffer = new byte[c.Count];
            for (var at = 0; at < c.Count;)
            {
                var n = c.Source.Read(buffer, at, c.Count - at);
                at += n > 0 ? n : throw new EndOfStreamException($"The stream ended after {at} of {c.Count} bytes.");
            }

            return buffer;
        }, JudgeRuns.Hidden(Judges.ReadExactly));

        Assert.That(report.Passed, Is.EqualTo(report.Cases.Count), JudgeRuns.Failures(report));
    }

    // Connect, send the request line, receive until the reply's newline, close.
    private static async Task<string> Fetch((IPEndPoint Server, string Request) c)
    {
        using var socket = new Socket(c.Server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(4));
        await socket.ConnectAsync(c.Server, deadline.Token);
        await socket.SendAsync(Encoding.UTF8.GetBytes(c.Request + "\n"), SocketFlags.None, deadline.Token);
        var reply = new MemoryStream();
        var buffer = new byte[1024];
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
            var end = n == 0 ? throw new EndOfStreamException("closed early") : Array.IndexOf(buffer, (byte)'\n', 0, n);
            reply.Write(buffer, 0, end >= 0 ? end : n);
            if (end >= 0)
            {
                return Encoding.UTF8.GetString(reply.ToArray());
            }
        }
    }

    // Wrong: one receive taken as the whole reply.
    private static async Task<string> OneReceive((IPEndPoint Server, string Request) c)
    {
        using var socket = await SocketClient.ConnectAsync(c.Server);
        await SocketClient.SendAllAsync(socket, c.Request + "\n");
        var buffer = new byte[1024];
        return Encoding.UTF8.GetString(buffer, 0, await SocketClient.ReceiveAsync(socket, buffer)).TrimEnd('\n');
    }
}
