// 16-when-connections-fail — generated from notebooks/16-when-connections-fail.ipynb by `dotnet run --project lib/NetCourse.Course -- export`.
// Do not edit: edit the notebook and export again. Run it from the repository root with:
//   dotnet run notebooks/run/16-when-connections-fail.cs
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

// # 16 · When connections fail
//
// **You will be able to**
// - recognise what .NET raises when a connection fails — reset, refused, broken pipe, timed out — and what the operating system did to cause it;
// - find a vanished peer with TCP keepalive, and say what keepalive cannot find;
// - explain the stall of Nagle's algorithm meeting delayed ACK, and the deadlock of two senders;
// - give every call a deadline, and write a client that retries only what is safe to retry.
//
// Each failure below is made on purpose, on loopback, and logged call by call: what the call returned or threw, the
// `SocketError`, the operating system's error number (errno), and the client socket's TCP state as the operating system
// reports it afterwards. The errno names, the states and several details are Linux's; the text says where.

// (setup cell: the library is referenced by the #:project line above)
ConsoleDisplay.Start("16-when-connections-fail");
static void display(object? value) => ConsoleDisplay.Show(value);

// ## A reset
//
// TCP ends a connection in one of two ways. A FIN is orderly: "I have finished sending" (lesson 08). A **reset** (RST)
// is abrupt: "this connection does not exist", and the receiver drops the connection at once, with any data still queued
// (RFC 9293 3.5.2-3.5.3). A program asks for one by closing with `SO_LINGER` on and a linger time of 0 (socket(7)):

// ---- cell 3 ----
display(await Failures.ResetByLingerZeroAsync());

// The client's `Receive` threw a `SocketException` whose `SocketErrorCode` is `ConnectionReset` (errno ECONNRESET,
// "Connection reset by peer"), and its socket is gone from the operating system's table at once: no FIN_WAIT, no
// TIME_WAIT. A connect to a port where nothing listens meets an RST too, as the answer to its SYN:

// ---- cell 5 ----
display(await Failures.ConnectToClosedPortAsync());

// ## A write to a peer that has gone
//
// `Send` returns as soon as the bytes are in *your* kernel's send buffer; it says nothing about the peer. If the peer
// has closed, your first write still succeeds; the peer's kernel, with no socket to give the bytes to, answers with RST;
// only your *next* call finds out. Here the server closed normally first:

// ---- cell 7 ----
display(await Failures.WriteAfterPeerClosedAsync());

// And here the server closed without reading what the client had sent. A close that leaves received data unread
// sends RST instead of FIN (RFC 1122 4.2.2.13), so the client's receive fails at once:

// ---- cell 9 ----
display(await Failures.CloseWithUnreadDataAsync());

// **Notice:** the same event — the peer has gone — surfaces as different errors depending on what the socket was
// doing. Linux reports a reset that arrives after the peer's FIN as EPIPE ("Broken pipe"), which .NET names
// `SocketError.Shutdown`; otherwise the reset is ECONNRESET, and every later write is EPIPE. In C, a write on a broken
// connection also raises the signal SIGPIPE, which ends a process that does not ignore it (send(2)); the .NET runtime
// ignores SIGPIPE, so you get an exception instead. Either way: a successful `Send` does not mean the peer got the bytes;
// only a reply says that.
//
// ## Half-open connections and keepalive
//
// A connection is **half-open** when one end has gone without telling the other: its host lost power, a cable was cut, a
// NAT box forgot the connection. TCP sends nothing on an idle connection, so the end that is left sees nothing wrong,
// and a `Receive` waits forever. Loopback never loses a packet, but Linux can make a socket vanish without a FIN or an
// RST: close it in TCP_REPAIR mode, which exists so that a connection can be checkpointed and moved to another
// machine (it needs CAP_NET_ADMIN; the cell says so and skips where the kernel process lacks it). The client still sees
// ESTABLISHED:

// ---- cell 11 ----
display(await Failures.HalfOpenAsync(keepAlive: false, wait: TimeSpan.FromSeconds(2)));

// **Keepalive** (RFC 1122 4.2.3.6) is TCP's answer: after the connection has been idle for a while, send an empty
// probe, and give up after a number of unanswered ones. It is off unless a program turns it on, and RFC 1122 says the
// idle time must default to no less than two hours. This machine's defaults (Linux, tcp(7)):

// ---- cell 13 ----
var keepalive = new HtmlTable("setting (Linux)", "this machine", "what it is");
foreach (var (name, what) in new[] { ("tcp_keepalive_time", "seconds idle before the first probe"), ("tcp_keepalive_intvl", "seconds between probes"), ("tcp_keepalive_probes", "unanswered probes before the connection is dropped") })
{
    var path = $"/proc/sys/net/ipv4/{name}";
    keepalive.AddRow(name, File.Exists(path) ? File.ReadAllText(path).Trim() : "(not Linux)", what);
}
display(keepalive);

// So a program sets them per socket, in seconds: `SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true)`,
// then `TcpKeepAliveTime`, `TcpKeepAliveInterval` and `TcpKeepAliveRetryCount` (TCP_KEEPIDLE, TCP_KEEPINTVL,
// TCP_KEEPCNT). The same vanished peer, with 1 s, 1 s and 3 probes:

// ---- cell 15 ----
display(await Failures.HalfOpenAsync(keepAlive: true, wait: TimeSpan.FromSeconds(5)));

// **Notice:** the first probe went out after about a second of silence and reached a port with no socket, whose
// kernel answered RST: the receive failed with ECONNRESET. A host that is really gone answers nothing; then the probes go
// unanswered and, after idle time + probes × interval, the receive fails with ETIMEDOUT (`SocketError.TimedOut`).
//
// Keepalive asks the peer's *kernel*, not the peer's program. A program that hangs, or a proxy that stops forwarding,
// still has a kernel that answers every probe. The course's `FaultProxy` with `SilentAfter = 0` is such a peer: it keeps
// the connection open and forwards nothing:

// ---- cell 17 ----
display(await Failures.SilentPeerAsync(TimeSpan.FromSeconds(3)));

// Keepalive was on and found nothing wrong; only the deadline ended the wait. That is why protocols that keep
// connections open send their own heartbeats, and why every receive needs a deadline anyway.
//
// ## Nagle's algorithm meets delayed ACK
//
// **Nagle's algorithm** (RFC 896; RFC 9293 3.7.4) keeps a sender from filling the network with tiny segments: while
// sent data is unacknowledged, small writes wait, and go out together when the ACK comes. **Delayed ACK** (RFC 1122
// 4.2.3.2) lets a receiver hold its ACK for a while (less than 0.5 s), hoping to send it with a reply. Each is sensible
// alone. On a *write-write-read* exchange they wait for each other: the second small write waits for the ACK of the
// first; the server cannot reply before it has the second write; so the ACK waits for the delayed-ACK timer (on Linux
// at least 40 ms). `NoDelay = true` sets TCP_NODELAY (tcp(7)), which turns Nagle off. Forty rounds each way, each a write
// of 8 bytes, a write of 32 bytes, and a read of the one-byte reply:

// ---- cell 19 ----
var nagle = await NagleExperiment.RunAsync(rounds: 40);
display(nagle);

// ---- cell 20 ----
display(nagle.Chart());

// ---- cell 21 ----
var stalls = nagle.Nagle.Values.Count(v => v > 20_000);
display($"With Nagle on, {stalls} of {nagle.Nagle.Count} rounds took over 20 ms (median {nagle.Nagle.P50 / 1000:0.0} ms); "
    + $"with NoDelay, {nagle.NoDelay.Values.Count(v => v > 20_000)} did (median {nagle.NoDelay.P50 / 1000:0.00} ms): {nagle.Nagle.P50 / nagle.NoDelay.P50:N0}× the median round trip.");

// **Notice:** the fix need not be TCP_NODELAY. Writing each message with one call — header and body in one buffer,
// or one `SendAsync` of a list of buffers — leaves no second small write to hold back, and keeps Nagle's protection
// against tiny segments for the rest of the program.
//
// ## Both send, neither reads
//
// Each direction of a connection has a send buffer at one end and a receive buffer at the other. A send waits while
// they are full, until the other side reads. If both sides send a lot before reading anything, each waits for the other
// to read: a deadlock. Below, both sides send 4 MiB over 64 KiB buffers, each send with a 2 s deadline so the cell
// ends:

// ---- cell 23 ----
display(await Failures.SendSendAsync(readWhileSending: false));

// Reading while sending (a second task, or one loop that does both) breaks the cycle:

// ---- cell 25 ----
display(await Failures.SendSendAsync(readWhileSending: true));

// ## A deadline on every call
//
// Every call above that could wait had a deadline. Here is each kind of call made where it has to wait, each given 0.5 s.
// The asynchronous calls take a `CancellationToken`; the course's `Deadline` cancels it and turns the cancellation into
// a `TimeoutException` that names the call. The blocking `Receive` and `Send` have no token: `ReceiveTimeout` and
// `SendTimeout` (SO_RCVTIMEO, SO_SNDTIMEO in socket(7)) bound them instead, and they throw a `SocketException`:

// ---- cell 27 ----
display(await Failures.DeadlinesAsync(TimeSpan.FromSeconds(0.5)));

// **Notice:** the connect timed out although a server was listening: its accept queue was full, so the SYN was
// dropped (lesson 14). For the blocking calls, .NET reports its own `TimedOut` and the errno that goes with it; the
// kernel's own answer to an expired SO_RCVTIMEO is EAGAIN (socket(7)).
//
// ## Check your understanding
//
// 1. A `Send` returned the full count, and the peer had crashed a second earlier. How will the program find out, and when?
// 2. Why did keepalive find the vanished socket but not the silent proxy?
// 3. A request-reply protocol writes a 4-byte length, then the body, then reads the reply, and every request takes 40 ms on Linux. Name two fixes.
//
// ## Exercise 16.1 — A client that survives faults (6 points)
//
// Write `AskAsync(server, request, ct)`: connect to `server`, send `request` followed by `\n`, and return the reply line
// without its `\n`. The server answers `GET name` with `VALUE name` and `ADD n` with `TOTAL t`, a running total. The
// check puts the course's `FaultProxy` in between, which may reset your first connection or let it go silent.
//
// - Give every attempt (connect, send, read the reply) a deadline of 0.5 s. The reply may arrive in pieces: read up to the newline.
// - A `GET` only reads, so it is safe to repeat: when an attempt fails, try again on a new connection, at most 3 attempts in all.
// - Anything else may already have run when its connection failed: never send it twice.
// - When you give up, throw an `IOException` whose message names the request and says what went wrong.

// ---- cell 29 (solution 16.1) ----
async Task<string> AskAsync(IPEndPoint server, string request, CancellationToken ct)
{
    // BEGIN SOLUTION: for attempt 1..(GET ? 3 : 1): a CancellationTokenSource linked to ct with CancelAfter(0.5 s); connect, send request + "\n", receive until '\n'; catch SocketException / OperationCanceledException / IOException and try again or throw new IOException($"'{request}' ...", e).
    var safe = request.StartsWith("GET ");
    for (var attempt = 1; ; attempt++)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(0.5));
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(server, deadline.Token);
            var bytes = Encoding.UTF8.GetBytes(request + "\n");
            for (var sent = 0; sent < bytes.Length;)
                sent += await socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None, deadline.Token);
            var reply = new List<byte>();
            var buffer = new byte[256];
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
                if (n == 0) throw new EndOfStreamException("the server closed before the end of its reply");
                var end = Array.IndexOf(buffer, (byte)'\n', 0, n);
                reply.AddRange(buffer.Take(end >= 0 ? end : n));
                if (end >= 0) return Encoding.UTF8.GetString(reply.ToArray());
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException && !ct.IsCancellationRequested)
        {
            var why = e is OperationCanceledException ? "no reply within 0.5 s" : e.Message;
            if (!safe) throw new IOException($"'{request}' failed ({why}); not retried, since it may already have run", e);
            if (attempt == 3) throw new IOException($"'{request}' failed {attempt} times; last: {why}", e);
        }
    }
    // END SOLUTION
}

// ---- cell 30 (check 16.1) ----
display(await global::NetCourse.Grader.CheckAsync(new global::NetCourse.Exercise("16.1", "A client that survives faults", 6), AskAsync, global::NetCourse.Judges.RetryingClient,
    ("GET colour", global::NetCourse.ClientFault.None), ("GET colour", global::NetCourse.ClientFault.ResetFirst),
    ("GET size", global::NetCourse.ClientFault.SilentFirst), ("ADD 5", global::NetCourse.ClientFault.ResetFirst)));

// ## Summary
//
// - A reset (RST) ends a connection at once: ECONNRESET on the next call, EPIPE on writes after it; a closed port answers a SYN with RST (ECONNREFUSED).
// - A successful `Send` means your kernel has the bytes, not that the peer got them.
// - A half-open connection is silent: keepalive (set to seconds per socket) finds a vanished host, but not a hung program; deadlines find both.
// - Nagle's algorithm and delayed ACK stall write-write-read exchanges (about 40 ms on Linux): write each message at once, or set `NoDelay`.
// - Two senders that never read deadlock once the buffers fill: read while you write.
// - Every call that can wait gets a deadline; retry only what is safe to repeat, and say clearly what failed.
//
// [← 15 Serving many clients](15-serving-many-clients.ipynb) · [17 Reliable delivery over UDP →](17-reliable-udp.ipynb)
