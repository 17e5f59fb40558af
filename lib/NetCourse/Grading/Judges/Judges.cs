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

    /// <summary>The judge of an exercise, or null.</summary>
    internal static SocketJudge? For(string exercise) =>
        new SocketJudge[] { UdpReply, Echo, Fetch, ReadExactly }.FirstOrDefault(j => j.Exercise == exercise);
}
