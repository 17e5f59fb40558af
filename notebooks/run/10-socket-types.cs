// 10-socket-types — generated from notebooks/10-socket-types.ipynb by `dotnet run --project lib/NetCourse.Course -- export`.
// Do not edit: edit the notebook and export again. Run it from the repository root with:
//   dotnet run notebooks/run/10-socket-types.cs
// Tables print as text; charts and drawings are written as HTML files to notebooks/run/out/.
#:project ../../lib/NetCourse/NetCourse.csproj
#:property PublishAot=false

using System.Collections;
using System.Text;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using NetCourse;

// # 10 · Socket types
//
// **You will be able to**
// - name the socket types — stream, datagram, raw — with their POSIX and .NET names;
// - say which transport each one gives and what a raw socket needs;
// - create each type and read what this machine allows.

// (setup cell: the library is referenced by the #:project line above)
ConsoleDisplay.Start("10-socket-types");
static void display(object? value) => ConsoleDisplay.Show(value);

// ## A socket is an endpoint you ask the operating system for
//
// A program does not speak TCP or UDP itself; it asks the kernel for a **socket** of some family (IPv4,
// IPv6, Unix) and some **type**, and the kernel runs the protocol. In C that is `socket(AF_INET,
// SOCK_STREAM, 0)`; in .NET it is `new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)`.
//
// - **SOCK_STREAM** (`SocketType.Stream`): a reliable, ordered byte stream — TCP on IP networks.
// - **SOCK_DGRAM** (`SocketType.Dgram`): individual datagrams — UDP on IP networks.
// - **SOCK_RAW** (`SocketType.Raw`): the packets of one IP protocol, headers and all. An IPv4 raw socket
//   receives the IP header in front of the data; to *send* an IP header of your own it sets the
//   `IP_HDRINCL` option. The program builds and parses everything above IP itself (the classic ping does this
//   with ICMP). Because a raw socket can forge packets, Linux requires root or the **CAP_NET_RAW**
//   capability, and Windows requires an administrator. Modern Linux `ping` and .NET's `Ping` class can do
//   without: they use an unprivileged ICMP *datagram* socket where `net.ipv4.ping_group_range` allows it.
// - **SOCK_SEQPACKET** (`SocketType.Seqpacket`): reliable, ordered *messages* — on Unix domain sockets and SCTP.
//
// The table tries to create one socket of each type on this machine and reports what happened — and,
// for the raw socket, why this process was allowed or not:

// ---- cell 3 ----
display(SocketKinds.Probe());

// ## Family, type and protocol together
//
// The three arguments must fit together. A stream socket with the UDP protocol makes no sense, and the
// operating system says so:

// ---- cell 5 ----
string attempt;
try
{
    using var wrong = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Udp);
    attempt = "created (unexpected)";
}
catch (SocketException e) { attempt = $"{e.SocketErrorCode}: {e.Message}"; }
display(attempt);

// ## Check your understanding
//
// 1. Which socket type would you use for a chat server? For a DNS client? For your own implementation of ping?
// 2. Why do raw sockets need privileges when stream and datagram sockets do not?
// 3. What does the kernel do for you with a stream socket that it does not do with a raw one?
//
// ## Exercise 10.1 — POSIX names to .NET (2 points)
//
// Write `ToDotNet(name)`: map `"SOCK_STREAM"`, `"SOCK_DGRAM"`, `"SOCK_RAW"` and `"SOCK_SEQPACKET"` to the
// matching `SocketType`; for any other name throw an `ArgumentException` whose message names it.

// ---- cell 7 (solution 10.1) ----
SocketType ToDotNet(string name)
{
    // BEGIN SOLUTION: One SocketType per POSIX type that socket(2) names; a name that is not one of them is refused with an exception naming it.
    return name switch
    {
        "SOCK_STREAM" => SocketType.Stream,
        "SOCK_DGRAM" => SocketType.Dgram,
        "SOCK_RAW" => SocketType.Raw,
        "SOCK_SEQPACKET" => SocketType.Seqpacket,
        _ => throw new ArgumentException($"Unknown socket type '{name}'."),
    };
    // END SOLUTION
}

// ---- cell 8 (check 10.1) ----
display(global::NetCourse.Grader.Check(new global::NetCourse.Exercise("10.1", "POSIX names to .NET", 2), ToDotNet,
    ("SOCK_STREAM", SocketType.Stream), ("SOCK_DGRAM", SocketType.Dgram), ("SOCK_RAW", SocketType.Raw), ("SOCK_FOO", global::NetCourse.Rejection.Of<ArgumentException>(naming: "SOCK_FOO")),
    ("sock_dgram", global::NetCourse.Rejection.Of<ArgumentException>(naming: "sock_dgram"))));

// ## Exercise 10.2 — Datagrams keep their boundaries (4 points)
//
// A stream socket hands you bytes: one send may arrive in several receives and several sends in one, and a receive
// of 0 bytes means that the peer has closed. A datagram socket hands you messages: each receive returns one datagram,
// whole, and a datagram may carry no data at all (RFC 768; udp(7)). Write `Collect((Server, Request, Count, Deadline))`:
// with a socket of type `SocketType.Dgram`, send `Request` (UTF-8) to `Server` as one datagram, then receive the replies,
// one datagram per receive, until you have `Count` of them or `Deadline`, counted from the start, has passed; return them
// in the order they came.
//
// The check's server answers with datagrams of chosen sizes: empty ones, a 1-byte one, and large ones up to 65,507 bytes,
// the most a UDP datagram can carry over IPv4 (65,535 − 20 bytes of IP header − 8 of UDP header). A receive buffer
// smaller than the datagram keeps only its first bytes and the rest is lost: on Linux the receive reports no error
// (recv(2), `MSG_TRUNC`); on Windows .NET throws a `SocketException` with `MessageSize`. In one case fewer datagrams
// come than you asked for: return those once the deadline has passed. The check compares every datagram, byte for byte,
// and the time your function took.

// ---- cell 10 (solution 10.2) ----
async Task<byte[][]> Collect((IPEndPoint Server, string Request, int Count, TimeSpan Deadline) job)
{
    // BEGIN SOLUTION: One receive is one datagram, so the buffer must hold the largest one; an empty datagram is a message, not an end; one deadline covers the whole collection.
    using var socket = new Socket(job.Server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
    socket.SendTo(Encoding.UTF8.GetBytes(job.Request), job.Server);
    using var deadline = new CancellationTokenSource(job.Deadline);
    var datagrams = new List<byte[]>();
    var buffer = new byte[65_507];
    while (datagrams.Count < job.Count)
    {
        try
        {
            var got = await socket.ReceiveFromAsync(buffer, SocketFlags.None, job.Server, deadline.Token);
            datagrams.Add(buffer[..got.ReceivedBytes]);
        }
        catch (OperationCanceledException) { break; } // the deadline passed: return what came
    }
    return datagrams.ToArray();
    // END SOLUTION
}

// ---- cell 11 (check 10.2) ----
display(await global::NetCourse.Grader.CheckAsync(new global::NetCourse.Exercise("10.2", "Datagrams keep their boundaries", 4), Collect, global::NetCourse.Judges.Datagrams,
    (new[] { 5, 0, 1, 12 }, 4, 1000), (new[] { 9000, 65507, 3 }, 3, 1000), (new[] { 20, 0, 30 }, 5, 800)));

// ## Summary
//
// - Stream = reliable byte stream (TCP); datagram = single messages (UDP); raw = whole packets, privileged;
//   seqpacket = reliable messages.
// - In .NET: `SocketType.Stream`, `SocketType.Dgram`, `SocketType.Raw`, `SocketType.Seqpacket`, with a
//   matching `AddressFamily` and `ProtocolType`.
// - Raw sockets need root or CAP_NET_RAW on Linux, administrator on Windows.
//
// [← 09 UDP](09-udp.ipynb) · [11 The TCP server, step by step →](11-tcp-server.ipynb)
