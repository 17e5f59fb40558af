// 15-serving-many-clients — generated from notebooks/15-serving-many-clients.ipynb by `dotnet run --project lib/NetCourse.Course -- export`.
// Do not edit: edit the notebook and export again. Run it from the repository root with:
//   dotnet run notebooks/run/15-serving-many-clients.cs
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

// # 15 · Serving many clients
//
// **You will be able to**
// - serve many clients at once four ways — one at a time, a thread per client, a task per client, one thread over `Socket.Select` — and say what each costs;
// - measure throughput and tail latency (p99) as the number of clients grows, with one slow client among them;
// - explain the C10k problem from what a thread costs on this machine, and write an accept loop with a task per client.
//
// The clients and the servers below share one process and this machine's cores, so the numbers are for comparing the
// four ways side by side, run by run, not for quoting alone.

// (setup cell: the library is referenced by the #:project line above)
ConsoleDisplay.Start("15-serving-many-clients");
static void display(object? value) => ConsoleDisplay.Show(value);

// ## One echo service, four ways
//
// Lesson 11's server accepted clients in a loop. What a server does *between* two accepts decides how many clients it
// can serve. `EchoModelServer` is one echo service written four ways (the code is in `lib/NetCourse/Concurrency/`):
//
// | model | how it waits | file |
// |---|---|---|
// | `OneAtATime` | one thread accepts a client, echoes until that client is done, then accepts the next | `EchoModelServer.Blocking.cs` |
// | `ThreadPerClient` | one thread accepts; each client gets a thread of its own, which blocks in `Receive` | `EchoModelServer.Blocking.cs` |
// | `TaskPerClient` | an `AcceptAsync` loop; each client gets a task, which holds no thread while it waits | `EchoModelServer.Tasks.cs` |
// | `SelectLoop` | one thread over non-blocking sockets; `Socket.Select` says which ones are ready | `EchoModelServer.Select.cs` |
//
// Each server closes a client that sends nothing for its *idle timeout*: that is the deadline on every receive. First,
// each answers one client:

// ---- cell 3 ----
var hello = new HtmlTable("model", "listening on", "reply to \"hello\"");
foreach (var model in Enum.GetValues<ServingModel>())
{
    await using var server = EchoModelServer.Start(model);
    hello.AddRow(model, server.EndPoint, await SocketClient.RequestAsync(server.EndPoint, "hello", TimeSpan.FromSeconds(2)));
}
display(hello);

// ## N clients and one slow one
//
// Now the load. For each model and each N, one *slow* client connects first and never sends; then N clients connect at
// once, and each makes 10 round trips of 16 bytes (send, wait for the echo). The servers close a silent client after
// 1 s. A round trip is timed from the send to the end of the echo; a client's first one also holds its connect and any
// wait in the accept queue. N stops at 1000 so that the whole sweep, sixteen runs, takes seconds on two cores:

// ---- cell 5 ----
var sweep = await ConcurrencyExperiment.RunAsync(clientCounts: new[] { 10, 100, 300, 1000 });
display(sweep);

// ---- cell 6 ----
display(sweep.ThroughputChart());

// ---- cell 7 ----
display(sweep.LatencyChart());

// **Notice:** in the latency chart, look at `OneAtATime`. The slow client was first in line, so the one-at-a-time
// server sat in its `Receive` until the idle timeout, and every other client waited in the accept queue behind it (and
// then behind each client ahead of it). So its p99 is never below that timeout, at any N — and without the deadline it
// would have been forever. The other three served the rest while the slow client waited. In numbers, at the largest N:

// ---- cell 9 ----
var n = sweep.Points.Max(p => p.Clients);
var atN = Enum.GetValues<ServingModel>().Select(m => sweep[m, n]).ToList();
var queue = sweep[ServingModel.OneAtATime, n];
var fastest = atN.MaxBy(p => p.Throughput)!;
var steadiest = atN.MinBy(p => p.P99Milliseconds)!;
display($"With {n} clients: one at a time, p99 was {queue.P99Milliseconds:0} ms against an idle timeout of {sweep.IdleTimeout.TotalMilliseconds:0} ms; "
    + $"the most echoes per second came from {fastest.Model} ({fastest.Throughput:N0}/s, {fastest.Throughput / queue.Throughput:0.0}× one at a time), "
    + $"the lowest p99 from {steadiest.Model} ({steadiest.P99Milliseconds:0.0} ms); {sweep[ServingModel.ThreadPerClient, n].ServerThreads:N0} threads served the thread-per-client run.");

// Throughput alone can flatter the one-at-a-time server: once the slow client is gone, serving clients one after
// another, with no switching between them, is cheap. What it cannot do is keep one client from holding up all the others.
// That is why servers serve clients concurrently — and the question is what each concurrent client costs.
//
// ## What a thread costs
//
// With a thread per client, every waiting client holds a thread: a stack reserved in the address space (some pages of it
// touched), the kernel's bookkeeping, and the time it took to create. Measure it here: start 500 threads that each wait
// on one event, then 500 tasks that each wait on one task:

// ---- cell 11 ----
var cost = ThreadCost.Measure(500);
display(cost);

// **Notice:** the address space per thread is the stack's reservation (on Linux, glibc sizes it from `ulimit -s`
// unless the program asks for another size: pthread_create(3), pthread_attr_setstacksize(3)); only the pages a thread
// touches become resident. A waiting task is a small object on the managed heap: its state machine and the continuation
// to run when the wait ends.
//
// ## C10k
//
// In 1999 Dan Kegel asked how a server could handle ten thousand clients at once ("The C10K problem"). At the rates just
// measured:

// ---- cell 13 ----
display(cost.Describe(10_000));

// Sixty-four-bit address space is large enough for those reservations; what gives out first is everything else:
// resident memory, the scheduler switching among thousands of runnable threads, and the limits on threads
// (`ulimit -u`, `/proc/sys/kernel/threads-max` on Linux). The answer to C10k was to stop giving each client a thread: one
// thread asks the kernel which sockets are ready and serves those.
//
// `Socket.Select` is that idea in its oldest form. Each call hands the kernel every socket, and the kernel checks each
// one, so a call costs time in proportion to N even when only one socket is ready (select(2), poll(2); .NET's
// `Socket.Select` uses poll on Linux). `epoll` (Linux, epoll(7)), `kqueue` (BSD, macOS) and I/O completion ports
// (Windows) keep the list in the kernel and return only the ready sockets. .NET's asynchronous sockets run on them: the
// `TaskPerClient` server *is* an event loop — the runtime's — with each client's code written as an ordinary method.
// Compare `SelectLoop` and `TaskPerClient` as N grows in the table above.
//
// ## Check your understanding
//
// 1. Why did the slow client hurt only one of the four servers?
// 2. A thread-per-client server has 2,000 clients connected, and 1,990 of them are idle. What do those 1,990 cost it?
// 3. Why does a `Socket.Select` loop get slower as clients are added, even when most of them are idle?
//
// ## Exercise 15.1 — A task per client (5 points)
//
// Write `ServeAsync(listener, ct)`: accept connections from the listening socket in a loop until `ct` is cancelled, and
// serve each client with a task of its own that sends every byte back until the client finishes sending (a receive
// returns 0) and then closes the connection. Do not wait for one client before accepting the next. Write the socket code
// yourself (not `TcpServer`, `Handlers` or `EchoModelServer`). The check makes a listener on 127.0.0.1 port 0, starts
// your loop, connects a client that never sends, then 20 clients at once, each sending its message in pieces; then it
// cancels `ct` and expects `ServeAsync` to return within 0.5 s.

// ---- cell 15 (solution 15.1) ----
async Task ServeAsync(Socket listener, CancellationToken ct)
{
    // BEGIN SOLUTION: Loop: var c = await listener.AcceptAsync(ct); keep (do not await) EchoAsync(c, ct) in a list; EchoAsync loops ReceiveAsync / SendAsync until 0, then disposes c. Catch OperationCanceledException to stop, then await the list.
    var clients = new List<Task>();
    try
    {
        while (true)
        {
            var connection = await listener.AcceptAsync(ct);
            clients.RemoveAll(t => t.IsCompleted);
            clients.Add(EchoAsync(connection, ct));
        }
    }
    catch (OperationCanceledException) { }
    await Task.WhenAll(clients);

    static async Task EchoAsync(Socket connection, CancellationToken ct)
    {
        using (connection)
        {
            var buffer = new byte[4096];
            try
            {
                int n;
                while ((n = await connection.ReceiveAsync(buffer, SocketFlags.None, ct)) > 0)
                    for (var sent = 0; sent < n;)
                        sent += await connection.SendAsync(buffer.AsMemory(sent, n - sent), SocketFlags.None, ct);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException) { } // stopped, or the client reset
        }
    }
    // END SOLUTION
}

// ---- cell 16 (check 15.1) ----
display(await global::NetCourse.Grader.CheckAsync(new global::NetCourse.Exercise("15.1", "A task per client", 5), ServeAsync, global::NetCourse.Judges.AcceptLoop,
    (20, 100, 2), (20, 3000, 3)));

// ## Summary
//
// - One at a time, a slow client stalls everyone behind it; a deadline on its receive is all that limits the damage.
// - A thread per client is simple, and each waiting client holds a thread: reserved stack, resident pages, start time.
// - A task per client waits without a thread, on the runtime's event loop (epoll, kqueue, IOCP); `Select` / `poll` does the same by hand, at a cost that grows with N.
// - C10k: ten thousand clients are cheap as tasks and expensive as threads, in numbers measured here.
//
// [← 14 Handshake timing](14-handshake-timing.ipynb) · [16 When connections fail →](16-when-connections-fail.ipynb)
