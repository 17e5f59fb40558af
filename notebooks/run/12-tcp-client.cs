// 12-tcp-client — generated from notebooks/12-tcp-client.ipynb by `dotnet run --project lib/NetCourse.Course -- export`.
// Do not edit: edit the notebook and export again. Run it from the repository root with:
//   dotnet run notebooks/run/12-tcp-client.cs
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

// # 12 · The TCP client, step by step
//
// **You will be able to**
// - write a TCP client with the raw `Socket` API: create, connect, send, receive, close;
// - give each step a deadline and recognise a refused connection;
// - read a reply that arrives in several pieces.

// (setup cell: the library is referenced by the #:project line above)
ConsoleDisplay.Start("12-tcp-client");
static void display(object? value) => ConsoleDisplay.Show(value);

// The client talks to a server this lesson starts: it answers every line with the line in upper case.

// ---- cell 3 ----
var upper = await TcpServer.StartAsync("upper", Handlers.PerLine(line => line.ToUpperInvariant()));
display($"The upper-case server listens on {upper.EndPoint}.");

// ## 1. Create
//
// The same call as on the server side: IPv4, stream, TCP.

// ---- cell 5 ----
var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
display($"A new socket, connected: {socket.Connected}, local end point: {socket.LocalEndPoint?.ToString() ?? "none yet"}.");

// ## 2. Connect
//
// `Connect` sends the SYN and returns when the handshake is complete. The client needs no `Bind`: the
// operating system gives it an ephemeral port. The deadline makes sure an unreachable server cannot hang the cell.

// ---- cell 7 ----
using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
    await socket.ConnectAsync(upper.EndPoint, deadline.Token);
display(new HtmlTable("client (ephemeral port)", "server").AddRow(socket.LocalEndPoint, socket.RemoteEndPoint));

// ## 3. Send
//
// `SendAsync` hands the bytes to the kernel and returns how many it took. For a short message on a fresh
// connection that is all of them, but a program must not count on it (lesson 11 showed a short count):
// whatever is left is sent in a loop. The course's `SocketClient.SendAllAsync` is that loop; the cell
// calls it for the rest, if any:

// ---- cell 9 ----
var request = Encoding.UTF8.GetBytes("hello from the client\n");
int sent;
using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
    sent = await socket.SendAsync(request, SocketFlags.None, deadline.Token);
var rest = sent < request.Length ? await SocketClient.SendAllAsync(socket, request.AsMemory(sent)) : 0;
display(new HtmlTable("asked to send", "SendAsync returned", "left for SendAllAsync").AddRow(request.Length, sent, rest));

// ## 4. Receive
//
// One receive returns what has arrived so far. For a one-line reply on loopback that is usually the whole
// line, but a program must not count on it (lesson 13).

// ---- cell 11 ----
var buffer = new byte[1024];
var n = await SocketClient.ReceiveAsync(socket, buffer, TimeSpan.FromSeconds(2));
display(new HtmlTable("bytes received", "text (a newline shown as \\n)").AddRow(n, Encoding.UTF8.GetString(buffer, 0, n).Replace("\n", "\\n")));

// ## 5. Close
//
// `Shutdown(Send)` tells the server we are done (it sends our FIN); the server's loop sees an empty receive
// and closes too, so our next receive returns 0. Then the socket is released.

// ---- cell 13 ----
socket.Shutdown(SocketShutdown.Send);
var end = await SocketClient.ReceiveAsync(socket, buffer, TimeSpan.FromSeconds(2));
socket.Close();
display(end == 0 ? "The receive after Shutdown(Send) returned 0: the server closed its side too." : $"The receive after Shutdown(Send) returned {end} more bytes.");

// ## When nobody is listening
//
// Connecting to a port where nothing listens fails: the destination host's kernel answers the SYN with an
// RST, and the client sees *connection refused*. On Linux that happens at once; Windows treats the RST as a
// hint to try again and resends the SYN for about 2 s before it reports the refusal, which is why the cell
// gives the connect a 2 s deadline and reports whichever comes first.

// ---- cell 15 ----
string outcome;
var closedPort = Listeners.ClosedPort(IPAddress.Loopback);
var clock = System.Diagnostics.Stopwatch.StartNew();
try
{
    using var refused = await SocketClient.ConnectAsync(closedPort, TimeSpan.FromSeconds(2));
    outcome = "connected (unexpected)";
}
catch (SocketException e) { outcome = $"{e.SocketErrorCode} after {clock.Elapsed.TotalMilliseconds:0.0} ms: {e.Message}"; }
catch (TimeoutException) { outcome = "no answer within 2 s: the operating system was still retrying the SYN"; }
display(outcome);

// ---- cell 16 ----
await upper.DisposeAsync();

// ## Check your understanding
//
// 1. Why does a client normally not call `Bind`?
// 2. What is the difference between *connection refused* and a connect that times out?
// 3. Why does the client call `Shutdown(Send)` before reading the server's last bytes?
//
// ## Exercise 12.1 — A client that reads one reply line (3 points)
//
// Write `Fetch((Server, Request))`: connect to `Server`, send `Request` followed by `"\n"` (UTF-8), read the server's
// one-line reply up to its `"\n"`, and return it without the `"\n"`; close the connection when you are done. The
// server keeps the connection open after its reply, as servers that take several requests on one connection do, so
// reading until it closes never ends: the newline is where the reply stops. Give every step a deadline of at most a
// second. The reply comes in small pieces with pauses in between, down to one byte at a time, so one receive is not
// enough.

// ---- cell 18 (solution 12.1) ----
async Task<string> Fetch((IPEndPoint Server, string Request) job)
{
    // BEGIN SOLUTION: Send the request and its newline, then keep receiving and collecting bytes until one of them is the newline; a receive of 0 before it means the server went away.
    using var s = await SocketClient.ConnectAsync(job.Server, TimeSpan.FromSeconds(1));
    await SocketClient.SendAllAsync(s, job.Request + "\n", TimeSpan.FromSeconds(1));
    var line = new MemoryStream();
    var buffer = new byte[512];
    while (true)
    {
        var n = await SocketClient.ReceiveAsync(s, buffer, TimeSpan.FromSeconds(1));
        if (n == 0) throw new EndOfStreamException($"The server closed after {line.Length} bytes, before the end of its reply line.");
        var end = Array.IndexOf(buffer, (byte)'\n', 0, n);
        line.Write(buffer, 0, end >= 0 ? end : n);
        if (end >= 0) return Encoding.UTF8.GetString(line.ToArray());
    }
    // END SOLUTION
}

// ---- cell 19 (check 12.1) ----
display(await global::NetCourse.Grader.CheckAsync(new global::NetCourse.Exercise("12.1", "A client that reads one reply line", 3), Fetch, global::NetCourse.Judges.Fetch,
    ("hello", 3), ("a longer request line", 8)));

// ## Summary
//
// - Client steps: `new Socket` → `Connect` (the handshake; an ephemeral port is chosen) → `Send` → `Receive` → `Shutdown` / `Close`.
// - Every step gets a deadline; *refused* means nothing listens, a timeout means no answer at all.
// - A reply can arrive in pieces: read until you have all of it (here: until the server closes).
//
// [← 11 The TCP server, step by step](11-tcp-server.ipynb) · [13 Message transfer →](13-message-transfer.ipynb)
