// 17-reliable-udp — generated from notebooks/17-reliable-udp.ipynb by `dotnet run --project lib/NetCourse.Course -- export`.
// Do not edit: edit the notebook and export again. Run it from the repository root with:
//   dotnet run notebooks/run/17-reliable-udp.cs
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

// # 17 · Reliable delivery over UDP
//
// **You will be able to**
// - put a lossy, delaying, duplicating path between a UDP client and its server, and make its faults repeat;
// - deliver every message over that path with stop-and-wait: numbers, acknowledgements, timeouts, retransmission;
// - say why the timeout doubles after every try (exponential backoff), and why a sender must give up at some point;
// - detect duplicates on both sides, and compare the cost of all this with TCP's.

// (setup cell: the library is referenced by the #:project line above)
ConsoleDisplay.Start("17-reliable-udp");
static void display(object? value) => ConsoleDisplay.Show(value);

// ## A path that loses datagrams
//
// UDP promises nothing about delivery (RFC 768), but on loopback nothing is lost unless a receive buffer
// overflows (lesson 09). To see loss on purpose, the course puts a **fault proxy** in the path:
// `UdpFaultProxy` forwards datagrams between a client and a server, and on the way drops some, delays all,
// sends some twice and swaps some with the next one, in both directions. Every decision comes from a random
// generator started from a **seed**, so the same datagrams meet the same fates in every run.
//
// A server that answers each datagram in upper case, and ten requests through a path that drops 30 % of the
// datagrams in each direction. Each request waits 200 ms for its reply:

// ---- cell 3 ----
var upper = await UdpServer.StartAsync("upper", d => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(d).ToUpperInvariant()));
var lossyPlan = new UdpFaultPlan { Loss = 0.3, Delay = TimeSpan.FromMilliseconds(5), Seed = 17 };
async Task<(HtmlTable Replies, HtmlTable Fates)> AskTen(UdpFaultPlan plan)
{
    var replies = new HtmlTable("request", "reply within 200 ms");
    await using var path = UdpFaultProxy.Start(upper.EndPoint, plan);
    using var client = UdpClientSteps.Open();
    for (var i = 1; i <= 10; i++)
    {
        UdpClientSteps.Send(client, path.EndPoint, Encoding.UTF8.GetBytes($"request {i}"));
        replies.AddRow(i, await UdpClientSteps.ReceiveAsync(client, TimeSpan.FromMilliseconds(200)) is { } r ? Encoding.UTF8.GetString(r) : "(nothing)");
    }
    return (replies, path.ToTable());
}
var firstRun = await AskTen(lossyPlan);
display(firstRun.Replies);

// What the proxy did, per direction. A lost request and a lost reply look the same to the client: silence.

// ---- cell 5 ----
display(firstRun.Fates);

// The same ten requests again, through a new proxy with the same seed, and once with another seed:

// ---- cell 7 ----
var again = await AskTen(lossyPlan);
var otherSeed = await AskTen(lossyPlan with { Seed = 18 });
string Answered(HtmlTable t) => string.Join(" ", t.Rows.Where(r => r[1] != "(nothing)").Select(r => r[0]));
display(new HtmlTable("run", "requests answered")
    .AddRow("seed 17, first run", Answered(firstRun.Replies))
    .AddRow("seed 17, second run", Answered(again.Replies))
    .AddRow("seed 18", Answered(otherSeed.Replies)));

// A seed makes a lossy experiment repeatable: change the code, keep the seed, and the same datagrams are
// lost. (When a delayed reply arrives after its request gave up, the runs can still differ: timing is not
// seeded, only the proxy's decisions are.)
//
// ## Stop-and-wait
//
// The simplest way to deliver every message over such a path:
//
// 1. **Number** each message and send it.
// 2. **Wait** for an acknowledgement (ack) carrying the same number, but not for ever: start a **timer**.
// 3. If the timer fires first, send the same message again (**retransmission**) and wait again.
// 4. Only when the ack arrives, go on to the next message.
//
// Two kinds of **duplicate** appear. When an ack is lost, the sender retransmits a message that did arrive:
// the receiver must acknowledge the copy again (the sender is still waiting) but deliver it to the
// application only once. And a late ack of an earlier copy can reach the sender while it waits for a newer
// message: the number tells it apart, and the sender ignores it. TFTP (RFC 1350) is stop-and-wait over UDP;
// its first implementations also answered a duplicate ack by sending the next block again, so every block went
// out twice from then on — the "Sorcerer's Apprentice" bug that RFC 1123 §4.2.3.1 tells implementers to avoid.
//
// `StopAndWait.SendAsync` (in `lib/NetCourse/Reliability/`) is the sender: each message goes out with a
// 4-byte big-endian sequence number. `StopAndWaitReceiver` is the receiving server's handler. Twenty messages
// through a path that loses 20 %, duplicates 20 % and reorders 10 % of the datagrams:

// ---- cell 9 ----
var receiver = new StopAndWaitReceiver();
var saw = await UdpServer.StartAsync("stop-and-wait", receiver.Handle);
var messages = Enumerable.Range(1, 20).Select(i => Encoding.UTF8.GetBytes($"message {i}")).ToList();
StopAndWaitResult sent;
await using (var path = UdpFaultProxy.Start(saw.EndPoint, new UdpFaultPlan { Loss = 0.2, Duplicate = 0.2, Reorder = 0.1, Delay = TimeSpan.FromMilliseconds(5), Seed = 19 }))
{
    using var socket = UdpClientSteps.Open();
    sent = await StopAndWait.SendAsync(socket, path.EndPoint, messages);
}
display(sent);

// And what the receiving application got:

// ---- cell 11 ----
var inOrder = receiver.Delivered.Select(Encoding.UTF8.GetString).SequenceEqual(messages.Select(Encoding.UTF8.GetString));
display(new HtmlTable("messages sent", "delivered to the application", "in order, each once", "copies acknowledged again and thrown away")
    .AddRow(messages.Count, receiver.Delivered.Count, inOrder ? "yes" : "no", receiver.Duplicates));

// **Notice:** every retransmission in the first table is a datagram the application never saw twice: the
// receiver's sequence check threw the copies away, and the sender's check ignored the stale acks.
//
// ## Timeout, backoff, giving up
//
// How long should the sender wait? Shorter than needed, and it sends copies that were not lost; much longer,
// and every loss costs dead time. Over a real network the round trip changes, so TCP measures it and
// sets its retransmission timeout from the measurements (RFC 6298). When a timeout fires anyway, the
// path may be congested, and sending faster makes that worse, so the timeout **doubles** after each
// retransmission — exponential backoff (RFC 6298 §5.5 for TCP; RFC 8085 §3.1 asks the same of
// applications that retransmit over UDP). And a sender must **give up** at some point: a peer that has gone
// never answers. The course's sender starts at 40 ms, doubles up to 320 ms and tries 8 times:

// ---- cell 13 ----
var defaults = new StopAndWaitOptions();
display(Enumerable.Range(1, defaults.MaxTries).Aggregate(new HtmlTable("try", "waits for its ack", "time since the first send, if unanswered"),
    (t, a) => t.AddRow(a, $"{defaults.TimeoutOf(a).TotalMilliseconds:0} ms", $"{Enumerable.Range(1, a).Sum(k => defaults.TimeoutOf(k).TotalMilliseconds):0} ms")));

// A server that never answers, and a sender allowed 4 tries:

// ---- cell 15 ----
var silent = await UdpServer.StartAsync("silent", _ => null);
using (var socket = UdpClientSteps.Open())
    sent = await StopAndWait.SendAsync(socket, silent.EndPoint, messages.Take(1).ToList(), new StopAndWaitOptions { MaxTries = 4 });
display(new HtmlTable("datagrams the server received", "sender gave up", "after")
    .AddRow(silent.Received, sent.GaveUp ? "yes" : "no", $"{sent.Elapsed.TotalMilliseconds:0} ms ({string.Join(" + ", Enumerable.Range(1, 4).Select(a => defaults.TimeoutOf(a).TotalMilliseconds))} ms of timeouts)"));

// ## Loss against delivery and time
//
// The same 20 messages at five loss rates, three ways, each over a path with a 5 ms delay each way:
// plain UDP (each message sent once), stop-and-wait over UDP, and TCP (each message sent and its 1-byte
// answer awaited, so it waits a round trip per message like stop-and-wait).
//
// Be careful with the TCP column. TCP's proxy (`FaultProxy`, lesson 13) ends the client's TCP connection and
// opens its own to the server; it forwards **bytes**, and each of the two connections runs over loopback,
// which loses nothing. So it can delay TCP (here by a whole round trip, to match the UDP path) but cannot make
// TCP lose a segment. The TCP rows show what the delay costs, not what loss costs.

// ---- cell 17 ----
var experiment = await ReliableUdpExperiment.RunAsync(new[] { 0, 0.1, 0.2, 0.3, 0.4 }, messages: 20, seed: 17);
display(experiment);

// ---- cell 18 ----
display(experiment.DeliveredChart());

// ---- cell 19 ----
display(experiment.TimeChart());

// In numbers, from the rows above:

// ---- cell 21 ----
var none = experiment.Rows[0];
var worst = experiment.Rows[^1];
display(new HtmlTable("what", "value")
    .AddRow($"plain UDP at {worst.Loss:0%} loss delivered", $"{worst.SentOnceDelivered} of {worst.Messages}")
    .AddRow($"stop-and-wait at {worst.Loss:0%} loss delivered", $"{worst.StopAndWaitDelivered} of {worst.Messages}, with {worst.Transmissions} datagrams sent")
    .AddRow("stop-and-wait time per message without loss", $"{none.StopAndWaitElapsed.TotalMilliseconds / none.Messages:0.0} ms (round trip {2 * experiment.Delay.TotalMilliseconds:0} ms)")
    .AddRow($"stop-and-wait at {worst.Loss:0%} loss, against none", $"{worst.StopAndWaitElapsed / none.StopAndWaitElapsed:0.0} × the time")
    .AddRow("loss rates at which stop-and-wait gave up", string.Join(", ", experiment.Rows.Where(r => r.GaveUp).Select(r => $"{r.Loss:0%}")) is { Length: > 0 } g ? g : "none")
    .AddRow($"chance one try's round trip fails at {worst.Loss:0%} loss each way", $"{1 - (1 - worst.Loss) * (1 - worst.Loss):0%}; all {experiment.Options.MaxTries} tries fail: {Math.Pow(1 - (1 - worst.Loss) * (1 - worst.Loss), experiment.Options.MaxTries):0.0%} per message"));

// **Notice:** plain UDP loses about the share the proxy drops on the way there. Stop-and-wait delivers
// everything it does not give up on, and pays for it twice: every message costs at least one round trip, loss
// or not, and every loss costs a whole timeout, longer each time a message is lost again. A sender that never
// gave up would wait for ever on a peer that has gone; one that gives up after 8 tries sometimes gives up on a
// peer that is only unlucky (the last row). TCP over a path that really loses segments
// recovers the same way — a retransmission timeout of at least 1 s in RFC 6298 (Linux allows 200 ms), and
// *fast retransmit* after three duplicate acks without waiting for the timer (RFC 5681) — but it keeps many
// segments in flight instead of one, so a loss stalls it far less than it stalls stop-and-wait.
//
// Stop the servers:

// ---- cell 23 ----
await upper.DisposeAsync();
await saw.DisposeAsync();
await silent.DisposeAsync();
display("UDP servers stopped");

// ## Check your understanding
//
// 1. Why must the receiver acknowledge a message it has already delivered?
// 2. A sender's first timeout is shorter than the round trip. What does the receiver see, and what does the chart's "datagrams sent" do?
// 3. Why does the timeout double instead of staying the same after a loss?
//
// ## Exercise 17.1 — A request that retries (5 points)
//
// Write `Request(job)`: send one request over UDP to `job.Server` and return the text of its reply.
//
// - A request is the id in **two bytes, high byte first** (network byte order), then the UTF-8 `job.Text`.
//   A reply starts with the same two id bytes, followed by the UTF-8 answer: return the answer.
// - Wait `job.FirstTimeoutMs` for the reply. If none comes, send the same request again and wait **twice as
//   long**, then twice as long again, and so on.
// - Ignore any datagram that does not start with your id: it is a late reply to some other request.
// - After `job.Tries` tries without a reply, throw a `TimeoutException` whose message says how many tries were made.
//
// The check plays the server: it ignores some tries, answers one with another id, times your retransmissions,
// and in one case never answers.

// ---- cell 25 (solution 17.1) ----
async Task<string> Request((IPEndPoint Server, ushort Id, string Text, int Tries, int FirstTimeoutMs) job)
{
    // BEGIN SOLUTION: Build { (byte)(Id >> 8), (byte)Id } + UTF-8 text; per try SendToAsync, then ReceiveAsync under a CancellationTokenSource(timeout) until a datagram starts with your id bytes; double the timeout; after the last try throw a TimeoutException naming job.Tries.
    using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    var request = new byte[] { (byte)(job.Id >> 8), (byte)job.Id }.Concat(Encoding.UTF8.GetBytes(job.Text)).ToArray();
    var buffer = new byte[65536];
    var timeout = TimeSpan.FromMilliseconds(job.FirstTimeoutMs);
    for (var attempt = 1; attempt <= job.Tries; attempt++)
    {
        await socket.SendToAsync(request, SocketFlags.None, job.Server);
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
                if (n >= 2 && buffer[0] == request[0] && buffer[1] == request[1])
                    return Encoding.UTF8.GetString(buffer, 2, n - 2);
            }
        }
        catch (OperationCanceledException) { } // no reply in time: send again, wait twice as long
        timeout *= 2;
    }
    throw new TimeoutException($"No reply to request {job.Id} after {job.Tries} tries.");
    // END SOLUTION
}

// ---- cell 26 (check 17.1) ----
display(await global::NetCourse.Grader.CheckAsync(new global::NetCourse.Exercise("17.1", "A request that retries", 5), Request, global::NetCourse.Judges.Retry,
    new global::NetCourse.RetryCase(258, "hello", 4, 50, Drop: 0),
    new global::NetCourse.RetryCase(7, "lost twice", 4, 50, Drop: 2),
    new global::NetCourse.RetryCase(300, "stale first", 3, 60, Drop: 1, StaleFirst: true),
    new global::NetCourse.RetryCase(9, "nobody home", 3, 50, Drop: 99)));

// ## Summary
//
// - Reliability over UDP is the application's work: number the messages, acknowledge them, time out, retransmit.
// - Retransmission makes duplicates: the receiver acknowledges every copy and delivers one; the sender ignores stale acks.
// - Back off exponentially after each timeout, and give up after a limit with an error that says so.
// - Stop-and-wait pays a round trip per message and a timeout per loss; TCP recovers from loss too, with many segments in flight.
//
// [← 16 When connections fail](16-when-connections-fail.ipynb) · [18 Names and dual stack →](18-names-and-dual-stack.ipynb)
