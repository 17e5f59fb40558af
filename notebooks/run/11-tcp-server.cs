// 11-tcp-server — generated from notebooks/11-tcp-server.ipynb by `dotnet run --project lib/NetCourse.Course -- export`.
// Do not edit: edit the notebook and export again. Run it from the repository root with:
//   dotnet run notebooks/run/11-tcp-server.cs
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

// # 11 · The TCP server, step by step
//
// **You will be able to**
// - write a TCP server with the raw `Socket` API, one system call per step: create, bind, listen, accept, receive, send, close;
// - explain what *blocking* means, and put a deadline on a blocking call;
// - use the counts that `Receive` and `Send` return correctly.

// (setup cell: the library is referenced by the #:project line above)
ConsoleDisplay.Start("11-tcp-server");
static void display(object? value) => ConsoleDisplay.Show(value);

// Each step below is one cell. The client side is played by the course's client helpers, so you can
// watch the server alone.
//
// ## 1. Create
//
// A socket for IPv4 (`AddressFamily.InterNetwork`), a byte stream (`SocketType.Stream`), TCP:

// ---- cell 3 ----
var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
display($"A socket of family {listener.AddressFamily}, type {listener.SocketType}, protocol {listener.ProtocolType}; not bound yet, so its local end point is {listener.LocalEndPoint?.ToString() ?? "none"}.");

// ## 2. Bind
//
// Attach it to a local address and port. Loopback and port 0: only this machine can connect, and the
// operating system picks a free port.

// ---- cell 5 ----
listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
display($"Bound to {listener.LocalEndPoint}: the address asked for, and the port the operating system chose.");

// ## 3. Listen
//
// From now on the kernel answers SYNs on that port and completes handshakes by itself. The **backlog**
// bounds how many finished connections may wait for `accept`. Linux lets backlog + 1 wait, and caps the
// backlog at `net.core.somaxconn` (4096 by default since Linux 5.4; this machine's value is in
// `/proc/sys/net/core/somaxconn`).

// ---- cell 7 ----
listener.Listen(backlog: 5);
display(TcpTable.Read().Where(e => e.Local.Equals(listener.LocalEndPoint)));

// ## 4. Accept — and what blocking means
//
// `Accept` takes the next waiting connection, and if there is none it **blocks**: the call does not return
// until a client arrives — which could be never. The synchronous `Accept()` has no timeout at all. In a
// notebook that would freeze the cell, so every wait in this course has a deadline: here `AcceptAsync` with
// a cancellation token that fires after 1 s, and `Poll`, which asks whether a connection is waiting and
// gives up after 1 s. Nobody is connecting yet:

// ---- cell 9 ----
var waited = new HtmlTable("how the server waited", "outcome");
using (var oneSecond = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
{
    try { using var nobody = await listener.AcceptAsync(oneSecond.Token); waited.AddRow("AcceptAsync, 1 s deadline", "a client connected"); }
    catch (OperationCanceledException) { waited.AddRow("AcceptAsync, 1 s deadline", "no client within 1 s: the accept waited, then the deadline cancelled it"); }
}
var waiting = listener.Poll(TimeSpan.FromSeconds(1), SelectMode.SelectRead);
display(waited.AddRow("Poll(1 s, SelectRead)", waiting ? "True: a connection is waiting" : "False: nothing to accept, so a plain Accept() would block"));

// Now a client connects. The handshake completes in the kernel; `accept` returns a **new** socket for this
// one connection, while the listening socket keeps listening for more:

// ---- cell 11 ----
var client = await SocketClient.ConnectAsync(listener.LocalEndPoint!);
Socket connection;
using (var acceptDeadline = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
    connection = await listener.AcceptAsync(acceptDeadline.Token);
display(new HtmlTable("socket", "local end", "remote end")
    .AddRow("listening", listener.LocalEndPoint, "-")
    .AddRow("accepted", connection.LocalEndPoint, connection.RemoteEndPoint));

// ## 5. Receive
//
// The client sends a line. `Receive` copies *whatever has arrived, up to the buffer's size* and returns how
// many bytes that was. It may be less than was sent; 0 means the peer finished sending.

// ---- cell 13 ----
await SocketClient.SendAllAsync(client, "hello, server\n");
var buffer = new byte[1024];
var count = await SocketClient.ReceiveAsync(connection, buffer, TimeSpan.FromSeconds(2));
display(new HtmlTable("bytes received", "text").AddRow(count, Encoding.UTF8.GetString(buffer, 0, count)));

// ## 6. Send
//
// `Send` copies bytes into the kernel's send buffer and returns how many it took. On a **blocking** socket,
// .NET's `Send` waits until the kernel has taken *all* of them — or throws when `SendTimeout` passes, so
// the cell sets one. C's `send()` and a .NET socket in **non-blocking** mode can return fewer when the
// buffer is full:

// ---- cell 15 ----
var answer = Encoding.UTF8.GetBytes("hello, client\n");
connection.SendTimeout = 2000; // milliseconds: a blocking Send that cannot finish throws instead of waiting forever
var sent = connection.Send(answer);
var back = await SocketClient.ReceiveAsync(client, buffer, TimeSpan.FromSeconds(2));
display(new HtmlTable("asked to send", "Send returned", "client received").AddRow(answer.Length, sent, Encoding.UTF8.GetString(buffer, 0, back)));

// A short count for real: a second client connects and never reads. The server's socket for it is switched
// to non-blocking and asked to send 16 MB twice. The first call takes what fits in the buffers; the second
// takes nothing and says `WouldBlock`. A correct program keeps the count and sends the rest later, in a
// loop — what `SendAllAsync` and Python's `sendall` do:

// ---- cell 17 ----
var silentClient = await SocketClient.ConnectAsync(listener.LocalEndPoint!);
Socket toSilent;
using (var acceptDeadline = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
    toSilent = await listener.AcceptAsync(acceptDeadline.Token);
var big = new byte[16 * 1024 * 1024];
var shortSends = new HtmlTable("asked to send", "Send returned", "error");
toSilent.Blocking = false;
try
{
    for (var i = 0; i < 2; i++) shortSends.AddRow(big.Length, toSilent.Send(big, 0, big.Length, SocketFlags.None, out var error), error);
}
finally { toSilent.Blocking = true; toSilent.Dispose(); silentClient.Dispose(); }
display(shortSends);

// ## 7. Close
//
// Closing the connection sends FIN. The client's next receive returns **0**: the end of the stream.
// Closing the listening socket stops new connections.

// ---- cell 19 ----
connection.Close();
var afterClose = await SocketClient.ReceiveAsync(client, buffer, TimeSpan.FromSeconds(2));
client.Dispose();
var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
listener.Close();
display(new HtmlTable("client's receive after the server closed", "anything still listening on the port?")
    .AddRow(afterClose, TcpTable.Read().Listening.Any(e => e.Local.Port == port)));

// ## The same server, for real use
//
// A real server repeats step 4 in a loop and handles each connection concurrently, and must stop cleanly.
// That is what the course's `TcpServer` does — a few lines with the ready-made echo handler:

// ---- cell 21 ----
var echo = await TcpServer.StartAsync("echo", Handlers.Echo);
var reply = await SocketClient.RequestAsync(echo.EndPoint, "echo me");
await echo.DisposeAsync();
display(new HtmlTable("client sent", "server echoed").AddRow("echo me", reply));

// ## Check your understanding
//
// 1. Why does `accept` return a new socket instead of using the listening one?
// 2. A client sent 10,000 bytes in one `Send`. The server's first `Receive` returned 1,448. Is something wrong?
// 3. What would have happened to the cell in step 4 without the deadline?
//
// ## Exercise 11.1 — An echo that counts (3 points)
//
// Write `Echo(connection, cancellationToken)`: receive from the connected socket and send every byte back
// until the client finishes sending (a receive returns 0), then send one last line, `"<n> bytes\n"` with the number
// of bytes you echoed, and return (the server then closes the connection). Remember that `Send` may send fewer bytes
// than you give it. The check starts a real server with your handler and sends it messages of several sizes, the
// larger ones in 64 KiB pieces with pauses in between, so one receive is not enough; `Handlers.Echo` sends no count.

// ---- cell 23 (solution 11.1) ----
async Task Echo(Socket connection, CancellationToken cancellationToken)
{
    // BEGIN SOLUTION: Receive until a receive returns 0, sending back what each one brought (a send may take only part of it) and counting; then send the count line.
    var buffer = new byte[4096];
    var total = 0L;
    int n;
    while ((n = await connection.ReceiveAsync(buffer, SocketFlags.None, cancellationToken)) > 0)
    {
        for (var done = 0; done < n;)
            done += await connection.SendAsync(buffer.AsMemory(done, n - done), SocketFlags.None, cancellationToken);
        total += n;
    }

    var count = Encoding.ASCII.GetBytes($"{total} bytes\n");
    for (var done = 0; done < count.Length;)
        done += await connection.SendAsync(count.AsMemory(done), SocketFlags.None, cancellationToken);
    // END SOLUTION
}

// ---- cell 24 (check 11.1) ----
display(await global::NetCourse.Grader.CheckAsync(new global::NetCourse.Exercise("11.1", "An echo that counts", 3), Echo, global::NetCourse.Judges.Echo, 5, 100_000));

// ## Summary
//
// - Server steps: `new Socket` → `Bind` → `Listen(backlog)` → `Accept` (a new socket per client) → `Receive` / `Send` → `Close`.
// - Blocking calls wait indefinitely unless you give them a deadline; in a notebook, always do.
// - `Receive` returns how many bytes arrived (0 = peer closed); a blocking .NET `Send` takes everything or throws, a non-blocking one (or C's `send`) may take fewer — loop.
//
// [← 10 Socket types](10-socket-types.ipynb) · [12 The TCP client, step by step →](12-tcp-client.ipynb)
