using System.Net;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>The judges of the course's socket exercises, named in check cells: <c>Grader.CheckAsync(exercise, Echo, Judges.Echo, 5, 100_000)</c>.</summary>
public static class Judges
{
    /// <summary>09.1: a UDP reply handler; a case is (datagram sent, reply expected or null for none).</summary>
    public static SocketJudge<Func<byte[], byte[]?>, (string Send, string? Expect)> UdpReply { get; } = new UdpReplyJudge();

    /// <summary>11.1: a TCP echo handler; a case is the number of bytes sent.</summary>
    public static SocketJudge<Func<Socket, CancellationToken, Task>, int> Echo { get; } = new EchoJudge();

    /// <summary>12.1: a client that sends a request and reads the whole reply; a case is (request, pieces the reply comes in).</summary>
    public static SocketJudge<Func<(IPEndPoint Server, string Request), Task<string>>, (string Request, int Pieces)> Fetch { get; } = new FetchJudge();

    /// <summary>13.1: reading exactly n bytes from a stream; a case is (bytes asked for, bytes per arrival, bytes sent).</summary>
    public static SocketJudge<Func<(Stream Source, int Count), byte[]>, (int Size, int Chunk, int Sent)> ReadExactly { get; } = new ReadExactlyJudge();

    /// <summary>04.1: an HTTP/1.1 GET by hand; a case is (Host, path, status served, body size in bytes, header names in lower case).</summary>
    public static SocketJudge<Func<(IPEndPoint Server, string Host, string Path), Task<(int Status, string Body)>>, (string Host, string Path, int Status, int Size, bool LowerCase)> HttpGet { get; } = new HttpGetJudge();

    /// <summary>05.2: trying candidate end points in order, each with a deadline; a case is (order as S silent / R refusing / L live, per-attempt ms).</summary>
    public static SocketJudge<Func<(IPEndPoint[] Candidates, TimeSpan PerAttempt), Task<IPEndPoint>>, (string Order, int PerAttemptMs)> TryEach { get; } = new TryEachJudge();

    /// <summary>08.3: a client that half-closes and still reads the whole reply; a case is (request bytes, pieces the reply comes in).</summary>
    public static SocketJudge<Func<(IPEndPoint Server, byte[] Request), Task<byte[]>>, (int Size, int Pieces)> HalfClose { get; } = new HalfCloseJudge();

    /// <summary>13.2: a line-framed server; a case is (text sent, byte offsets it is cut at, clients at once).</summary>
    public static SocketJudge<Func<Socket, CancellationToken, Task>, (string Text, int[] Cuts, int Clients)> LineServer { get; } = new LineServerJudge();

    /// <summary>The judge of an exercise, or null.</summary>
    internal static SocketJudge? For(string exercise) =>
        new SocketJudge[] { UdpReply, Echo, Fetch, ReadExactly, HttpGet, TryEach, HalfClose, LineServer }.FirstOrDefault(j => j.Exercise == exercise);
}
