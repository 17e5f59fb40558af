// 08-tcp — generated from notebooks/08-tcp.ipynb by `dotnet run --project lib/NetCourse.Course -- export`.
// Do not edit: edit the notebook and export again. Run it from the repository root with:
//   dotnet run notebooks/run/08-tcp.cs
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

// # 08 · TCP
//
// **You will be able to**
// - say what TCP promises: a reliable, ordered byte stream between two programs;
// - describe the three-way handshake and the four-way close, and see both ends' states change on this machine;
// - explain why the side that closes first sits in TIME_WAIT;
// - decide when TCP is the right transport.

// (setup cell: the library is referenced by the #:project line above)
ConsoleDisplay.Start("08-tcp");
static void display(object? value) => ConsoleDisplay.Show(value);

// ## What TCP promises
//
// TCP (RFC 9293) turns IP's best-effort packets into a **byte stream** between two programs that is
// - **reliable**: a lost segment is sent again until it is acknowledged, up to a limit (RFC 9293's R2; on Linux
//   `net.ipv4.tcp_retries2`, default 15 retransmissions, about 15 minutes). Past the limit TCP gives up and the
//   program's next send or receive fails with an error: TCP promises that the data arrives *or* that the program
//   learns it may not have, never delivery at any cost;
// - **ordered**: bytes arrive in the order they were sent, without duplicates;
// - **flow- and congestion-controlled**: a sender slows down for a slow receiver and a busy network.
//
// It does *not* keep message boundaries: two sends may arrive as one receive (lesson 13).
//
// ## Opening: the three-way handshake
//
// 1. The client sends **SYN** with its initial sequence number *x*.
// 2. The server answers **SYN-ACK**: its own sequence number *y*, acknowledging *x + 1*.
// 3. The client sends **ACK** for *y + 1*. Both sides are now ESTABLISHED.
//
// The operating system does all of this. Below, a scripted client and server open one connection on
// loopback and close it; after every step the course reads the states of the three sockets involved from the
// operating system (`/proc/net/tcp` on Linux, what `ss` and `netstat` show): the client's socket, the server's
// listening socket, and the socket `accept` gives the server for this connection. A socket with no connection
// reads CLOSED, the state RFC 9293 gives to "no connection".

// ---- cell 3 ----
var clientFirst = await ConnectionLifecycle.ObserveAsync(clientClosesFirst: true);
display(clientFirst);

// Look at the second row: the server's side of the connection is ESTABLISHED **before** the server called
// accept. The kernel completes the handshake on its own and queues the connection; `accept` only hands the
// program a new socket for it. The listening socket is not that socket: it stays LISTEN throughout, ready for
// the next client, until the server closes it in the last row.
//
// ## Closing: the four-way close
//
// Each direction is closed separately, because TCP is full duplex:
//
// 1. The side that closes first sends **FIN** → it goes to FIN_WAIT_1, then FIN_WAIT_2 once its FIN is acknowledged.
// 2. The other side acknowledges and enters **CLOSE_WAIT**: it may still send, and must close too.
// 3. When it closes it sends its own **FIN** (LAST_ACK)…
// 4. …which the first side acknowledges and enters **TIME_WAIT**.
//
// When the second side has nothing left to send, its ACK and FIN can travel in one segment, so the "four-way"
// close often takes three segments. The script closes each side with `Shutdown(SocketShutdown.Send)`: that
// sends the FIN but keeps the socket open, so its state can still be read. Whoever closes first ends in
// TIME_WAIT — here the server:

// ---- cell 5 ----
var serverFirst = await ConnectionLifecycle.ObserveAsync(clientClosesFirst: false);
display(serverFirst);

// Both lifecycles as timelines — each column a step, each box the state the operating system reported:

// ---- cell 7 ----
display(new StateTimeline(clientFirst, serverFirst));

// **TIME_WAIT** lasts twice the maximum segment lifetime (2×MSL): RFC 9293 sets MSL to 2 minutes, so
// 4 minutes, while Linux uses a fixed 60 s. It makes sure the last ACK can be
// resent if it was lost, and that stray segments of the old connection die out before the same four numbers
// (addresses and ports) are used again. It outlives the program's socket: in the last row of each table both
// programs have closed theirs, and the operating system still holds the connection in TIME_WAIT. A client
// that opens and closes thousands of connections fills the ephemeral range with TIME_WAIT sockets — lesson 14
// avoids that.
//
// ## On the wire
//
// The states above come from the operating system's tables. With a packet-capture tool you can watch the
// segments themselves. The cell below runs tcpdump on the loopback interface, for this connection's port only,
// while a client connects, sends `hello`, reads the echo and closes. Capturing live needs tcpdump and root (or
// the CAP_NET_RAW capability); without them the cell shows the same exchange recorded on loopback when the
// course was made (`lib/NetCourse/Capture/Recorded/hello.pcap`, which Wireshark opens too), and its first line
// says so.

// ---- cell 9 ----
var wire = await CapturedConnection.RecordAsync("hello");
display(wire);

// Sequence and acknowledgement numbers are shown relative to each side's initial sequence number, as
// Wireshark does. Check the handshake: the SYN-ACK acknowledges the client's number + 1, and the ACK
// acknowledges the server's number + 1. A SYN and a FIN each count as one byte of sequence space. When the
// second side has nothing left to send, its FIN can carry the ACK of the first FIN, and the close takes three
// segments instead of four. The table lists the segments; the sentence under it counts the close.

// ---- cell 11 ----
display(wire.ToTable());

// ---- cell 12 ----
var close = wire.Segments.SkipWhile(s => !s.Flags.HasFlag(TcpControlBits.Fin)).ToList();
var secondFin = close.Skip(1).FirstOrDefault(s => s.Flags.HasFlag(TcpControlBits.Fin));
var piggybacked = secondFin is not null && wire.RelativeAcknowledgement(secondFin) == wire.RelativeSequence(close[0]) + 1;
display($"The close in this capture took {close.Count} segments, from the first FIN to the last ACK: the second FIN "
    + (piggybacked ? "carried the ACK of the first." : "came after a separate ACK of the first."));

// ## When to choose TCP
//
// Use TCP when every byte must arrive, in order: web pages, file transfer, database protocols, mail, remote
// shells. Its costs are a round trip to open the connection and head-of-line blocking — one lost segment
// holds up everything behind it.
//
// ## Check your understanding
//
// 1. Why does the handshake need three segments rather than two?
// 2. Which side of a web request usually closes first, and what piles up on that side under heavy load?
// 3. A server shows many sockets in CLOSE_WAIT. What is the bug in the server program?
//
// ## Exercise 08.1 — Reading the control bits (2 points)
//
// The TCP header's byte at offset 13 (the 14th byte; tcpdump calls it `tcp[13]`) holds the control bits:
// FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10, URG = 0x20, and, for explicit congestion
// notification (RFC 3168), ECE = 0x40 and CWR = 0x80. Write `Flags(bits)`: return the names of all the bits
// that are set, ECE and CWR included, in that order (lowest bit first), joined by `-` as in the capture table above
// (`0x12` → `"SYN-ACK"`, `0xC2` → `"SYN-ECE-CWR"`), or `"none"` when no bit is set.

// ---- cell 14 (solution 08.1) ----
string Flags(byte bits)
{
    // BEGIN SOLUTION: Bit i of the flags byte is the i-th flag in RFC 9293 §3.1's order, counted from the least significant bit.
    var names = new[] { "FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR" };
    var set = names.Where((_, i) => (bits & (1 << i)) != 0).ToArray();
    return set.Length == 0 ? "none" : string.Join("-", set);
    // END SOLUTION
}

// ---- cell 15 (check 08.1) ----
display(global::NetCourse.Grader.Check(new global::NetCourse.Exercise("08.1", "Reading the control bits", 2), Flags,
    ((byte)0x02, "SYN"), ((byte)0x12, "SYN-ACK"), ((byte)0x11, "FIN-ACK"), ((byte)0x90, "ACK-CWR")));

// ## Exercise 08.2 — Who waits? (2 points)
//
// Write `StateAfterClose((ClosesFirst, Side))`: both sides have closed; `ClosesFirst` is `"client"` or
// `"server"` and `Side` is the side you ask about. Return `"TIME_WAIT"` for the side that closed first
// and `"CLOSED"` for the other.

// ---- cell 17 (solution 08.2) ----
string StateAfterClose((string ClosesFirst, string Side) question)
{
    // BEGIN SOLUTION: Who waits in TIME_WAIT depends on who closed first (RFC 9293 §3.6), not on who connected; refuse a side that is neither \"client\" nor \"server\".
    foreach (var side in new[] { question.ClosesFirst, question.Side })
    {
        if (side is not ("client" or "server")) throw new ArgumentException($"'{side}' is not a side: use \"client\" or \"server\".", nameof(question));
    }

    return question.ClosesFirst == question.Side ? "TIME_WAIT" : "CLOSED";
    // END SOLUTION
}

// ---- cell 18 (check 08.2) ----
display(global::NetCourse.Grader.Check(new global::NetCourse.Exercise("08.2", "Who waits?", 2), StateAfterClose,
    (("client", "client"), "TIME_WAIT"), (("client", "server"), "CLOSED"), (("server", "server"), "TIME_WAIT"),
    (("client", "browser"), global::NetCourse.Rejection.Of<ArgumentException>(naming: "browser")),
    (("router", "server"), global::NetCourse.Rejection.Of<ArgumentException>(naming: "router"))));

// ## Exercise 08.3 — Half-close and still read (4 points)
//
// Write `HalfCloseAndRead((Server, Request))`: connect to `Server`, send all of `Request`, tell the server the request
// is complete by closing only your sending side (your FIN), and then read the whole reply, which ends when the
// server closes. The check's server takes your FIN as the end of the request and answers only after it, in several
// pieces; the request and the reply are bytes, not text. Put a deadline on the exchange.

// ---- cell 20 (solution 08.3) ----
async Task<byte[]> HalfCloseAndRead((IPEndPoint Server, byte[] Request) job)
{
    // BEGIN SOLUTION: Closing the socket would end both directions; shut down only the sending one, then receive until a receive returns 0.
    using var socket = new Socket(job.Server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
    using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(4));
    await socket.ConnectAsync(job.Server, deadline.Token);
    for (var sent = 0; sent < job.Request.Length;)
        sent += await socket.SendAsync(job.Request.AsMemory(sent), SocketFlags.None, deadline.Token);
    socket.Shutdown(SocketShutdown.Send);
    var reply = new MemoryStream();
    var buffer = new byte[8192];
    int n;
    while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token)) > 0)
        reply.Write(buffer, 0, n);
    return reply.ToArray();
    // END SOLUTION
}

// ---- cell 21 (check 08.3) ----
display(await global::NetCourse.Grader.CheckAsync(new global::NetCourse.Exercise("08.3", "Half-close and still read", 4), HalfCloseAndRead, global::NetCourse.Judges.HalfClose,
    (100, 4), (5000, 10), (0, 2)));

// ## Summary
//
// - TCP gives two programs a reliable, ordered, flow-controlled byte stream — without message boundaries. Reliable means delivered or an error after a bounded number of retransmissions.
// - Open: SYN, SYN-ACK, ACK, done by the kernel before `accept`. Close: FIN and ACK in each direction (often three segments).
// - The side that closes first goes FIN_WAIT → TIME_WAIT; the other goes CLOSE_WAIT → LAST_ACK.
// - Choose TCP when completeness and order matter more than the last millisecond.
//
// [← 07 Ports and services](07-ports-and-services.ipynb) · [09 UDP →](09-udp.ipynb)
