// 14-handshake-timing — generated from notebooks/14-handshake-timing.ipynb by `dotnet run --project lib/NetCourse.Course -- export`.
// Do not edit: edit the notebook and export again. Run it from the repository root with:
//   dotnet run notebooks/run/14-handshake-timing.cs
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

// # 14 · Handshake timing
//
// **You will be able to**
// - measure what a TCP connect costs on this machine, thousands of times, and read a histogram and a CDF;
// - compare IPv4 with IPv6, an address with a name, refused with accepted, blocking with async connects;
// - show that the kernel finishes the handshake before `accept`, and what a full accept queue does to connects.
//
// All numbers are from *your* machine and change from run to run; compare them side by side, as ratios,
// rather than as absolute times.

// (setup cell: the library is referenced by the #:project line above)
ConsoleDisplay.Start("14-handshake-timing");
static void display(object? value) => ConsoleDisplay.Show(value);

// ## A server that accepts everything
//
// The server accepts every connection and closes it at once. The timer closes its side with an RST
// (linger 0), so thousands of connects leave no TIME_WAIT sockets behind (lesson 08).

// ---- cell 3 ----
var sink4 = await TcpServer.StartAsync("sink-v4", (s, ct) => Task.CompletedTask, IPAddress.Loopback, backlog: 1024);
var sink6 = await TcpServer.StartAsync("sink-v6", (s, ct) => Task.CompletedTask, IPAddress.IPv6Loopback, backlog: 1024);
display(new HtmlTable("server", "listening on").AddRow("IPv4", sink4.EndPoint).AddRow("IPv6", sink6.EndPoint));

// ## 2,000 connects over IPv4
//
// Each measurement is one blocking `Socket.Connect` to 127.0.0.1: a SYN, a SYN-ACK and an ACK through the
// loopback interface, plus the system calls around them.

// ---- cell 5 ----
var v4 = HandshakeTimer.Measure("IPv4 127.0.0.1", sink4.EndPoint, count: 2000);
display(v4);

// ---- cell 6 ----
display(TimingSample.Histogram("Connect time over IPv4 loopback", v4));

// **Notice:** look at where most connects fall, whether they form one cluster or several, and how far the
// tail reaches to the right (the x axis stops at p99; its title says how many slower connects are not drawn).
// Slow connects are the operating system doing something else at that moment — a timer, another process,
// a thread waking on another core. That is why the median (p50) describes a typical connect better than
// the mean, and why p99 exists. This run in numbers:

// ---- cell 8 ----
var slow = v4.Values.Count(x => x > 2 * v4.P50);
display(new HtmlTable("typical connect (p50)", "connects slower than 2 × p50", "p99 ÷ p50")
    .AddRow($"{v4.P50:0.0} µs", $"{slow} of {v4.Count} ({100.0 * slow / v4.Count:0.#} %)", $"{v4.P99 / v4.P50:0.0}"));

// ## IPv4, IPv6, by name, refused
//
// The same measurement four ways. "By name" resolves `localhost` to its IPv4 addresses before every connect,
// as a client given a host name must. "Refused" connects to a port where nothing listens: the answer is an
// RST instead of a SYN-ACK.

// ---- cell 10 ----
var v6 = HandshakeTimer.Measure("IPv6 ::1", sink6.EndPoint, count: 2000);
var byName = await HandshakeTimer.MeasureByNameAsync("by name localhost (IPv4 lookup)", "localhost", sink4.EndPoint.Port, count: 1000);
var refused = HandshakeTimer.Measure("refused (no listener)", Listeners.ClosedPort(IPAddress.Loopback), count: 2000);
display(TimingSample.Compare(v4, v6, byName, refused));

// ---- cell 11 ----
var lookup = byName.Min - v4.Min; // what the name costs, seen where the noise is least
display($"At the median, here: IPv6 took {v6.P50 / v4.P50:0.00}x IPv4; by name took {byName.P50 / v4.P50:0.00}x IPv4, and its fastest connect was "
    + $"{Math.Abs(lookup):0.0} µs {(lookup >= 0 ? "slower" : "faster")} than the fastest IPv4 one; a refused connect took {refused.P50 / v4.P50:0.00}x an accepted IPv4 connect.");

// ---- cell 12 ----
display(TimingSample.Cdf("Connect time: cumulative distribution with p50 / p90 / p99", v4, v6, byName, refused));

// **Notice:** read a CDF from left to right: the further left a curve, the faster. The sentence under the
// table puts this run's numbers side by side as ratios. Over IPv4 and IPv6 the handshake is the same three
// segments; only the headers and the code paths differ. Resolving a name adds its own cost before the
// handshake begins, clearest in the fastest connects (the min column); at p50 it can drown in the noise. A
// refused connect sets up and queues nothing: on Linux the RST is the kernel's immediate answer. Windows
// instead resends a refused SYN for about 2 s before it reports the refusal, so there it is by far the slowest.
//
// ## Blocking or asynchronous connect
//
// `Socket.Connect` blocks the thread; `Socket.ConnectAsync` and `TcpClient.ConnectAsync` free it while
// waiting, at some extra cost per call:

// ---- cell 14 ----
var sync = await HandshakeTimer.MeasureAsync("Socket.Connect (blocking)", sink4.EndPoint, 2000, HandshakeTimer.Method.Sync);
var socketAsync = await HandshakeTimer.MeasureAsync("Socket.ConnectAsync", sink4.EndPoint, 2000, HandshakeTimer.Method.SocketAsync);
var clientAsync = await HandshakeTimer.MeasureAsync("TcpClient.ConnectAsync", sink4.EndPoint, 2000, HandshakeTimer.Method.TcpClientAsync);
display(TimingSample.Compare(sync, socketAsync, clientAsync));

// ---- cell 15 ----
display($"At the median, here: Socket.ConnectAsync took {socketAsync.P50 / sync.P50:0.00}x and TcpClient.ConnectAsync {clientAsync.P50 / sync.P50:0.00}x the blocking Socket.Connect.");

// ---- cell 16 ----
display(TimingSample.Histogram("Blocking vs asynchronous connects", sync, socketAsync, clientAsync));

// **Notice:** the ratios under the table are what the async machinery costs (or saves) per connect on this
// machine. On loopback the answer comes back in microseconds, so there is no wait worth freeing a thread for.
// Over a real network, where a round trip takes milliseconds, any such cost disappears in the wait, and not
// blocking a thread is what matters.
//
// ## The handshake happens before `accept`
//
// A listener whose program never calls `accept`: connects still succeed, because the kernel completes the
// handshake and queues the connection. The operating system shows them ESTABLISHED.

// ---- cell 18 ----
var quiet = Listeners.Listen(IPAddress.Loopback, backlog: 8);
var early = new List<Socket>();
for (var i = 0; i < 3; i++) early.Add(await SocketClient.ConnectAsync(quiet.LocalEndPoint!, TimeSpan.FromSeconds(2)));
var quietPort = ((IPEndPoint)quiet.LocalEndPoint!).Port;
display(TcpTable.Read().Where(e => e.Local.Port == quietPort && e.State == TcpConnectionState.Established));

// ## A full accept queue
//
// The **backlog** bounds that queue. With a backlog of 1, Linux lets two connections wait (backlog + 1);
// a SYN that arrives while the queue is full is dropped without an answer, and the client retransmits it
// after about 1 s, then 2 s, 4 s, … (Windows answers such a SYN with an RST instead, so there the connect is
// refused rather than delayed.) Below, four connects run one after another, each with a 3-second
// deadline, while the program accepts just one connection, 0.3 s after the start:

// ---- cell 20 ----
var full = Listeners.Listen(IPAddress.Loopback, backlog: 1);
var lateAccept = Task.Run(async () => { await Task.Delay(300); using var d = new CancellationTokenSource(TimeSpan.FromSeconds(3)); return await full.AcceptAsync(d.Token); });
var attempts = new List<(int Number, bool Connected, double Ms)>();
var waiting = new List<Socket>();
for (var i = 1; i <= 4; i++)
{
    var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    waiting.Add(s);
    var clock = System.Diagnostics.Stopwatch.StartNew();
    using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(3));
    try { await s.ConnectAsync(full.LocalEndPoint!, deadline.Token); attempts.Add((i, true, clock.Elapsed.TotalMilliseconds)); }
    catch (OperationCanceledException) { attempts.Add((i, false, clock.Elapsed.TotalMilliseconds)); }
}
waiting.Add(await lateAccept);
display(attempts.Aggregate(new HtmlTable("connect #", "result", "time"), (t, a) => t.AddRow(a.Number, a.Connected ? "connected" : "no answer within 3 s", $"{a.Ms:0.0} ms")));

// **Notice:** sorted by what happened — a connect that finds room returns at once; one whose first SYN was
// dropped can only succeed on a retransmission, about a second later at best, and only if `accept` has made
// room by then:

// ---- cell 22 ----
string Which(Func<(int Number, bool Connected, double Ms), bool> pick) =>
    string.Join(", ", attempts.Where(pick).Select(a => $"#{a.Number} ({a.Ms:0} ms)")) is { Length: > 0 } list ? list : "none";
display(new HtmlTable("what happened", "connects")
    .AddRow("room in the queue: returned at once (under 100 ms)", Which(a => a.Connected && a.Ms < 100))
    .AddRow("first SYN dropped, a retransmitted SYN found room", Which(a => a.Connected && a.Ms >= 100))
    .AddRow("every SYN dropped: no answer within 3 s", Which(a => !a.Connected)));

// A server that accepts too slowly makes its clients wait seconds, even though nothing is "down".

// ---- cell 24 ----
foreach (var s in early.Concat(waiting)) s.Dispose();
quiet.Dispose();
full.Dispose();
await sink4.DisposeAsync();
await sink6.DisposeAsync();
display($"servers still running: {TcpServer.RunningNames.Count}");

// ## The same handshake on the wire
//
// What did those microseconds buy? Capture one connection to a fresh server and draw its segments. Live
// capture needs tcpdump and root or CAP_NET_RAW; without them the cell draws the same exchange recorded on
// loopback when the course was made, and its first line says so:

// ---- cell 26 ----
display(await CapturedConnection.RecordAsync("timing"));

// And the states both sockets pass through, opening and closing, for either side closing first:

// ---- cell 28 ----
display(new StateTimeline(await ConnectionLifecycle.ObserveAsync(clientClosesFirst: true), await ConnectionLifecycle.ObserveAsync(clientClosesFirst: false)));

// **Notice:** the connect you timed above returns when the SYN-ACK (the second arrow) arrives: the client
// sends the ACK (the third arrow) and carries on without waiting for anything, least of all the server
// program. Everything after that is the application's business.
//
// ## What the numbers say
//
// - A loopback connect costs microseconds (this machine's p50 is in the tables above), most of it system calls and waking the other side, not the wire.
// - Connect times are not one neat number: report p50 and p99, and compare side by side.
// - The handshake is the kernel's job and finishes before `accept`; the backlog is how many finished
//   handshakes may wait, and beyond it connects stall for a SYN retransmission.
//
// ## Check your understanding
//
// 1. Why is the median a better summary than the mean for these samples?
// 2. What would make "by name" much slower on a machine whose resolver asks a DNS server first?
// 3. A web server under load shows clients waiting one or three seconds to connect. What would you check first?
//
// ## Exercise 14.1 — Percentiles (3 points)
//
// Write `Percentile((Samples, Percent))`: the **nearest-rank** percentile of a sample: sort the values; the
// result is the value at rank ⌈*P*·*n*/100⌉ (ranks counted from 1; for *P* = 0 take the smallest value).
// Do not use `TimingSample` or `Percentiles`.

// ---- cell 30 (solution 14.1) ----
double Percentile((double[] Samples, double Percent) q)
{
    // BEGIN SOLUTION: The nearest-rank percentile: sort, turn the percent into a rank from 1 (round up, and multiply before you divide), and never go below rank 1.
    var sorted = q.Samples.OrderBy(x => x).ToArray();
    var rank = (int)Math.Ceiling(q.Percent * sorted.Length / 100);
    return sorted[Math.Max(rank, 1) - 1];
    // END SOLUTION
}

// ---- cell 31 (check 14.1) ----
display(global::NetCourse.Grader.Check(new global::NetCourse.Exercise("14.1", "Percentiles", 3), Percentile,
    ((new[] { 15.0, 20, 35, 40, 50 }, 40.0), 20.0),
    ((new[] { 3.0, 1, 2 }, 50.0), 2.0),
    ((new[] { 1.0, 2, 3, 4 }, 60.0), 3.0),
    ((Enumerable.Range(1, 25).Select(x => (double)x).ToArray(), 28.0), 7.0)));

// ## Exercise 14.2 — Time the handshake (4 points)
//
// Write `TimeConnects((Server, Count, PerAttempt))`: connect to `Server` `Count` times, one connect after the other with no
// pause between them, and return how long each connect took, in milliseconds, in order. Time the connect alone: start
// the clock just before it and stop it when it completes. Give each connect a deadline of `PerAttempt`; when one gets no
// answer in time, throw a `TimeoutException` that says which connect it was (counting from 1). Close each connection
// normally, with a FIN (RFC 9293 §3.6), before the next connect.
//
// The check's server decides for each connect, without telling you, whether to slow it down. For a slowed connect it
// lets its accept queue fill first, so that the connect's SYN is dropped (Linux, as in *A full accept queue* above), and
// makes room half a second later. The client sends its SYN again when the retransmission timer expires: first after
// 1 s (RFC 6298 §2.1), then after twice as long each time (§5.5), until Linux gives up after `tcp_syn_retries`
// retransmissions (tcp(7)). So a slowed connect takes about a second, while the others take microseconds, as in the
// tables above. The check passes when the server saw `Count` connections, each closed with a FIN, and your numbers say
// which connects it slowed: under 500 ms for a connect that found room, at least 800 ms for a slowed one. In one case
// the last connect never gets an answer. The check needs Linux.

// ---- cell 33 (solution 14.2) ----
async Task<double[]> TimeConnects((IPEndPoint Server, int Count, TimeSpan PerAttempt) job)
{
    // BEGIN SOLUTION: A new socket per connect; the clock runs around the connect call and nothing else; a deadline of its own per connect; the socket closed before the next one.
    var durations = new double[job.Count];
    for (var i = 0; i < job.Count; i++)
    {
        using var socket = new Socket(job.Server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var deadline = new CancellationTokenSource(job.PerAttempt);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try { await socket.ConnectAsync(job.Server, deadline.Token); }
        catch (OperationCanceledException) { throw new TimeoutException($"Connect {i + 1} of {job.Count} got no answer within {job.PerAttempt.TotalMilliseconds} ms."); }
        durations[i] = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    } // leaving the block closes the connection with a FIN
    return durations;
    // END SOLUTION
}

// ---- cell 34 (check 14.2) ----
display(await global::NetCourse.Grader.CheckAsync(new global::NetCourse.Exercise("14.2", "Time the handshake", 4), TimeConnects, global::NetCourse.Judges.HandshakeTiming,
    new global::NetCourse.HandshakeCase(4, 2), new global::NetCourse.HandshakeCase(3, 1, LastUnanswered: true), new global::NetCourse.HandshakeCase(5, 1)));

// ## Summary
//
// - Measure many times and summarise with percentiles; plot histograms and CDFs; compare as ratios.
// - Compare variants side by side as ratios (this run's are under each table); a name adds a lookup before the handshake; on Linux a refused connect is answered at once by an RST.
// - The kernel completes handshakes before `accept`; a full backlog makes clients wait for SYN retransmission.
//
// [← 13 Message transfer](13-message-transfer.ipynb) · [15 Serving many clients →](15-serving-many-clients.ipynb)
