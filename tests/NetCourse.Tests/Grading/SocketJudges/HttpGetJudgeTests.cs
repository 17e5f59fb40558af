using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NetCourse.Tests.Grading.SocketJudges;

/// <summary>04.1: the instructor's HTTP GET passes every case; each known-wrong client fails a practice case, with a verdict that says why.</summary>
public class HttpGetJudgeTests
{
    private static readonly (string Host, string Path, int Status, int Size, bool LowerCase)[] Practice =
    [
        ("netcourse.test", "/hello.txt", 200, 300, false),
        ("netcourse.test", "/missing", 404, 0, true),
        ("files.netcourse.test", "/big.txt", 200, 70_000, false),
    ];

    private static readonly TimeSpan Step = TimeSpan.FromSeconds(3);

    [Test, CancelAfter(60_000)]
    public async Task The_Instructor_Solution_Passes_Every_Practice_And_Hidden_Case(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.HttpGet, Get, [.. Practice, .. JudgeRuns.Hidden(Judges.HttpGet)]);

        Assert.That(report.Passed, Is.EqualTo(report.Cases.Count), JudgeRuns.Failures(report));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_Request_Without_Host_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.HttpGet, target => Get(target, $"GET {target.Path} HTTP/1.1\r\n\r\n"), Practice);

        Assert.That(report.Cases[0].Got, Is.EqualTo("GET /hello.txt: the server answered 400 Bad Request because the request has no Host header: HTTP/1.1 requires one (RFC 9112 §3.2)"));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_Request_With_Bare_Line_Feeds_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.HttpGet, target => Get(target, $"GET {target.Path} HTTP/1.1\nHost: {target.Host}\n\n"), Practice);

        Assert.That(report.Cases[0].Got, Does.Contain("400 Bad Request because its lines end in a bare \\n"));
    }

    [Test, CancelAfter(60_000)]
    public async Task Reading_Until_The_Server_Closes_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.HttpGet, ReadUntilClose, Practice[..1]);

        Assert.That(report.Cases[0].Got, Does.StartWith("GET /hello.txt: the whole response (406 bytes) had been sent, but the function threw TimeoutException")
            .And.EndWith("the server keeps the connection open after the body, so read exactly Content-Length bytes of body instead of waiting for it to close"));
    }

    [Test, CancelAfter(60_000)]
    public async Task Calling_The_Course_Helper_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.HttpGet,
            async target => Parse(Encoding.UTF8.GetBytes(await SocketClient.RequestAsync(target.Server, $"GET {target.Path} HTTP/1.1\r\nHost: {target.Host}\r\n\r\n", Step))),
            Practice[..1]);

        Assert.That(report.Cases[0].Got, Does.Contain("threw TimeoutException").And.Contain("keeps the connection open"));
    }

    [Test, CancelAfter(60_000)]
    public async Task Taking_One_Receive_As_The_Whole_Response_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.HttpGet, OneReceive, Practice);

        Assert.That(report.Cases[0].Got, Is.EqualTo("GET /hello.txt: expected status 200 and a body of 300 bytes, got status 200 and a body of 0 bytes"));
    }

    [Test, CancelAfter(60_000)]
    public async Task Ignoring_Content_Length_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.HttpGet, HeadThenOneReceive, Practice);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Cases[1].Passed, Is.True, "an empty body needs no reading");
            Assert.That(report.Cases[2].Got, Does.StartWith("GET /big.txt: expected status 200 and a body of 70000 bytes, got status 200 and a body of"));
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task Matching_Header_Names_By_Case_Fails_Practice(CancellationToken token)
    {
        var report = await JudgeRuns.CheckAsync(Judges.HttpGet, target => Get(target, null, "Content-Length:"), Practice);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Cases[0].Passed, Is.True);
            Assert.That(report.Cases[1].Got, Does.StartWith("GET /missing: ").And.Contain("threw InvalidDataException: no Content-Length"));
        }
    }

    // The instructor's solution: the request by hand, the head read up to the blank line, then exactly Content-Length bytes.
    private static Task<(int Status, string Body)> Get((IPEndPoint Server, string Host, string Path) target) => Get(target, null);

    private static async Task<(int Status, string Body)> Get((IPEndPoint Server, string Host, string Path) target, string? request, string lengthHeader = "content-length:")
    {
        using var socket = new Socket(target.Server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var deadline = new CancellationTokenSource(Step);
        await socket.ConnectAsync(target.Server, deadline.Token);
        await socket.SendAsync(Encoding.ASCII.GetBytes(request ?? $"GET {target.Path} HTTP/1.1\r\nHost: {target.Host}\r\n\r\n"), SocketFlags.None, deadline.Token);
        var received = new List<byte>();
        var buffer = new byte[8192];
        int end;
        while ((end = IndexOf(received, "\r\n\r\n"u8)) < 0)
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
            if (n == 0)
            {
                throw new EndOfStreamException("The server closed before the end of the head.");
            }

            received.AddRange(buffer.AsSpan(0, n));
        }

        var head = Encoding.ASCII.GetString([.. received[..end]]).Split("\r\n");
        var lengthLine = head.FirstOrDefault(l => lengthHeader == "content-length:" ? l.StartsWith(lengthHeader, StringComparison.OrdinalIgnoreCase) : l.StartsWith(lengthHeader, StringComparison.Ordinal))
            ?? throw new InvalidDataException("no Content-Length");
        var length = int.Parse(lengthLine[15..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var body = received[(end + 4)..];
        while (body.Count < length)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(0, Math.Min(buffer.Length, length - body.Count)), SocketFlags.None, deadline.Token);
            if (n == 0)
            {
                throw new EndOfStreamException($"The server closed after {body.Count} of {length} body bytes.");
            }

            body.AddRange(buffer.AsSpan(0, n));
        }

        return (int.Parse(head[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), Encoding.UTF8.GetString([.. body]));
    }

    // Wrong: reads until the server closes, which this server never does.
    private static async Task<(int Status, string Body)> ReadUntilClose((IPEndPoint Server, string Host, string Path) target)
    {
        using var socket = await SocketClient.ConnectAsync(target.Server, Step);
        await SocketClient.SendAllAsync(socket, $"GET {target.Path} HTTP/1.1\r\nHost: {target.Host}\r\n\r\n", Step);
        return Parse(await SocketClient.ReceiveUntilClosedAsync(socket, Step));
    }

    // Wrong: one receive taken as the whole response.
    private static async Task<(int Status, string Body)> OneReceive((IPEndPoint Server, string Host, string Path) target)
    {
        using var socket = await SocketClient.ConnectAsync(target.Server, Step);
        await SocketClient.SendAllAsync(socket, $"GET {target.Path} HTTP/1.1\r\nHost: {target.Host}\r\n\r\n", Step);
        var buffer = new byte[128 * 1024];
        var n = await SocketClient.ReceiveAsync(socket, buffer, Step);
        return Parse(buffer[..n]);
    }

    // Wrong: reads the head, then one more receive for the body whatever Content-Length says.
    private static async Task<(int Status, string Body)> HeadThenOneReceive((IPEndPoint Server, string Host, string Path) target)
    {
        using var socket = await SocketClient.ConnectAsync(target.Server, Step);
        await SocketClient.SendAllAsync(socket, $"GET {target.Path} HTTP/1.1\r\nHost: {target.Host}\r\n\r\n", Step);
        var received = new List<byte>();
        var buffer = new byte[128 * 1024];
        while (IndexOf(received, "\r\n\r\n"u8) < 0)
        {
            received.AddRange(buffer.AsSpan(0, await SocketClient.ReceiveAsync(socket, buffer, Step)));
        }

        var response = Parse([.. received]);
        return response.Status == 200 && response.Body.Length == 0
            ? Parse([.. received, .. buffer.AsSpan(0, await SocketClient.ReceiveAsync(socket, buffer, Step))])
            : response;
    }

    private static (int Status, string Body) Parse(byte[] response)
    {
        var end = IndexOf([.. response], "\r\n\r\n"u8);
        var head = Encoding.ASCII.GetString(response, 0, end < 0 ? response.Length : end);
        var status = int.Parse(head.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, end < 0 ? "" : Encoding.UTF8.GetString(response, end + 4, response.Length - end - 4));
    }

    private static int IndexOf(List<byte> bytes, ReadOnlySpan<byte> what) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes).IndexOf(what);
}
