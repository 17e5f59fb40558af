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

    /// <summary>15.1: an accept loop with a task per client; a case is (clients at once, bytes each, pieces each), with one silent client besides.</summary>
    public static SocketJudge<Func<Socket, CancellationToken, Task>, (int Clients, int Bytes, int Pieces)> AcceptLoop { get; } = new AcceptLoopJudge();

    /// <summary>16.1: a client that retries a GET and never repeats anything else; a case is (request line, what the fault proxy does).</summary>
    public static SocketJudge<Func<IPEndPoint, string, CancellationToken, Task<string>>, (string Request, ClientFault Fault)> RetryingClient { get; } = new RetryingClientJudge();

    /// <summary>17.1: a UDP request with timeout, retransmission and backoff; a case is a <see cref="RetryCase"/>.</summary>
    public static SocketJudge<Func<(IPEndPoint Server, ushort Id, string Text, int Tries, int FirstTimeoutMs), Task<string>>, RetryCase> Retry { get; } = new RetryJudge();

    /// <summary>18.1: a DNS lookup by hand; a case is a <see cref="DnsCase"/>.</summary>
    public static SocketJudge<Func<(IPEndPoint Server, string Name, ushort Id), Task<IPAddress?>>, DnsCase> Dns { get; } = new DnsJudge();

    /// <summary>19.1: a TLS client that pins the server's certificate; a case is a <see cref="PinCase"/>.</summary>
    public static SocketJudge<Func<(IPEndPoint Server, string Host, string Pin), Task<string>>, PinCase> Pinning { get; } = new PinningJudge();

    /// <summary>06.3: an access list by subnet, a handler given the allowed block; a case is (block in CIDR, client addresses in 127.0.0.0/8).</summary>
    public static SocketJudge<Func<Socket, string, CancellationToken, Task>, (string Allowed, string[] From)> AccessList { get; } = new AccessListJudge();

    /// <summary>07.3: a port probe that answers open, closed or filtered; a case is (state set up, "127.0.0.1" or "::1", deadline ms).</summary>
    public static SocketJudge<Func<IPEndPoint, TimeSpan, Task<string>>, (string State, string Address, int DeadlineMs)> PortProbe { get; } = new PortProbeJudge();

    /// <summary>10.2: a UDP client that collects reply datagrams until it has Count or its deadline passes; a case is (sizes sent, Count, deadline ms).</summary>
    public static SocketJudge<Func<(IPEndPoint Server, string Request, int Count, TimeSpan Deadline), Task<byte[][]>>, (int[] Sizes, int Count, int DeadlineMs)> Datagrams { get; } = new DatagramsJudge();

    /// <summary>14.2: timing each of several connects, each with a deadline; a case is a <see cref="HandshakeCase"/>.</summary>
    public static SocketJudge<Func<(IPEndPoint Server, int Count, TimeSpan PerAttempt), Task<double[]>>, HandshakeCase> HandshakeTiming { get; } = new HandshakeTimingJudge();

    /// <summary>The judge of an exercise, or null.</summary>
    internal static SocketJudge? For(string exercise) =>
        new SocketJudge[] { UdpReply, Echo, Fetch, ReadExactly, HttpGet, TryEach, HalfClose, LineServer, AcceptLoop, RetryingClient, Retry, Dns, Pinning, AccessList, PortProbe, Datagrams, HandshakeTiming }
            .FirstOrDefault(j => j.Exercise == exercise);
}
