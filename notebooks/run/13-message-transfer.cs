// 13-message-transfer — generated from notebooks/13-message-transfer.ipynb by `dotnet run --project lib/NetCourse.Course -- export`.
// Do not edit: edit the notebook and export again. Run it from the repository root with:
//   dotnet run notebooks/run/13-message-transfer.cs
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

// # 13 · Message transfer
//
// **You will be able to**
// - write a one-shot server and a server loop that ends when the client closes (an empty receive);
// - drive a conversation from a scripted client loop;
// - show that TCP keeps no message boundaries, and fix it with newline or length-prefix framing;
// - serve several clients at once.

// (setup cell: the library is referenced by the #:project line above)
ConsoleDisplay.Start("13-message-transfer");
static void display(object? value) => ConsoleDisplay.Show(value);

// ## A one-shot server
//
// The simplest server reads one request, writes one reply and closes the connection, as whois does (RFC 3912).
// Even this server must know where the request ends: a receive may return part of it (later in this lesson
// a proxy splits messages on purpose). So the request is a line: `Handlers.OneShot` reads until the newline,
// however many receives that takes, then answers with one line and closes:

// ---- cell 3 ----
var once = await TcpServer.StartAsync("once", Handlers.OneShot(line => $"you sent {Encoding.UTF8.GetByteCount(line)} bytes: {line}"));
display(await SocketClient.RequestAsync(once.EndPoint, "hi\n"));

// ---- cell 4 ----
await once.DisposeAsync();

// ## A server loop that ends when the client is done
//
// A conversation needs a loop: receive, answer, repeat. How does the server know the client is finished?
// When the client closes its sending side, the server's `Receive` returns **0 bytes**: the peer has finished
// sending. That is not an error, but it does not say whether the peer still listens. If it only
// half-closed (`Shutdown(Send)`, as in lesson 12) it still reads, and a last reply arrives; if it closed the
// socket completely, a late reply is lost or answered with an RST. The protocol must say which one
// clients do.
//
// The course's echo handler is such a loop: it answers what it receives, and closes after the empty
// receive. A **scripted client** — no console input in a notebook — sends three messages, reads each whole
// answer (exactly as many bytes as it sent, with `ReceiveExactlyAsync`), then shuts down its sending side:

// ---- cell 6 ----
var echo = await TcpServer.StartAsync("echo", Handlers.Echo);
var conversation = new HtmlTable("client sent", "server answered");
var client = await SocketClient.ConnectAsync(echo.EndPoint);
foreach (var message in new[] { "first", "second", "third" })
{
    var sent = await SocketClient.SendAllAsync(client, message);
    var answer = await SocketClient.ReceiveExactlyAsync(client, sent, TimeSpan.FromSeconds(2));
    conversation.AddRow(message, Encoding.UTF8.GetString(answer));
}
client.Shutdown(SocketShutdown.Send);
var last = await SocketClient.ReceiveAsync(client, new byte[1024], TimeSpan.FromSeconds(2));
conversation.AddRow("(shut down its sending side)", last == 0 ? "receive returned 0: the server closed too" : $"receive returned {last} more bytes");
client.Dispose();
display(conversation);

// ## TCP keeps no message boundaries
//
// That worked because each answer was read before the next message was sent. Now the client sends three
// messages straight away and the server reads a moment later. TCP delivers a *byte stream*: the table shows
// how many receives it took here to read the three sends, and what each held; how sends merge depends on timing.

// ---- cell 8 ----
var chunks = new System.Collections.Concurrent.ConcurrentQueue<string>();
var allRead = new TaskCompletionSource();
var recorder = await TcpServer.StartAsync("recorder", async (s, ct) =>
{
    await Task.Delay(200, ct); // read a moment later
    var data = new byte[1024];
    int got;
    while ((got = await s.ReceiveAsync(data, SocketFlags.None, ct)) > 0) chunks.Enqueue(Encoding.UTF8.GetString(data, 0, got));
    allRead.TrySetResult();
});
using (var sender = await SocketClient.ConnectAsync(recorder.EndPoint))
{
    foreach (var message in new[] { "one", "two", "three" }) await SocketClient.SendAllAsync(sender, message);
}
await allRead.Task.WaitAsync(TimeSpan.FromSeconds(2)); // the recorder saw the end of the stream
await recorder.DisposeAsync();
display(new HtmlTable("sends", "receives", "what the receives held").AddRow(3, chunks.Count, string.Join(" | ", chunks)));

// The opposite happens too: one message can arrive split over several receives (large messages,
// busy networks). Here a 24-byte line is delivered 5 bytes at a time, as a slow link might:

// ---- cell 10 ----
var trickle = new TrickleStream(Encoding.UTF8.GetBytes("one message, many reads\n"), chunkSize: 5);
var line = await new LineReader(trickle).ReadAsync();
display(new HtmlTable("line", "reads needed").AddRow(line, trickle.Reads));

// On loopback, splits are rare; on a real network they are routine. The course's fault-injecting proxy
// makes them happen on purpose: every write from the client reaches the echo server in 4-byte pieces. A
// client that treats one receive as one message gets whatever its first receive held; one that reads up to the
// newline gets the line. What each read here:

// ---- cell 12 ----
var splitter = FaultProxy.Start(echo.EndPoint, new FaultPlan { SplitInto = 4 });
var naiveClient = await SocketClient.ConnectAsync(splitter.EndPoint);
await SocketClient.SendAllAsync(naiveClient, "one whole message\n");
var firstReceive = new byte[1024];
var naive = Encoding.UTF8.GetString(firstReceive, 0, await SocketClient.ReceiveAsync(naiveClient, firstReceive, TimeSpan.FromSeconds(2)));
var framedClient = await SocketClient.ConnectAsync(splitter.EndPoint);
await SocketClient.SendAllAsync(framedClient, "one whole message\n");
string? wholeLine;
using (var lineDeadline = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
    wholeLine = await new LineReader(new NetworkStream(framedClient)).ReadAsync(lineDeadline.Token);
naiveClient.Dispose();
framedClient.Dispose();
await splitter.DisposeAsync();
display(new HtmlTable("client", "what it read").AddRow("one receive = one message", naive).AddRow("reads up to the newline", wholeLine));

// So "one receive = one message" is wrong, and every protocol over TCP must say where a message ends.
//
// ## Framing
//
// Two common answers:
//
// - **A delimiter**: end every message with `\n` and read until you see it (text protocols: SMTP, HTTP
//   headers, Redis). `LineReader` buffers bytes until a newline arrives.
// - **A length prefix**: send the length first (here 4 bytes, big-endian), then that many bytes (binary
//   protocols: TLS records, HTTP/2 frames, Kafka). `LengthPrefixReader` reads the length, then loops until
//   that many bytes have arrived.
//
// Both readers have the same shape (`IMessageReader`): `ReadAsync` returns the next whole message, or `null`
// when the stream ended cleanly between messages. `LineWriter` and `LengthPrefixWriter` add the framing on
// the way out.
//
// Both recover the three messages from one merged stream:

// ---- cell 14 ----
var merged = new MemoryStream(Encoding.UTF8.GetBytes("one\ntwo\nthree\n"));
var lines = new LineReader(merged);
var byLine = new List<string>();
while (await lines.ReadAsync() is { } l) byLine.Add(l);

var framed = new TrickleStream(new[] { "one", "two", "three" }.SelectMany(m => LengthPrefix.Encode(Encoding.UTF8.GetBytes(m))).ToArray(), chunkSize: 1);
var frames = new LengthPrefixReader(framed);
var byLength = new List<string>();
while (await frames.ReadAsync() is { } frame) byLength.Add(Encoding.UTF8.GetString(frame));
display(new HtmlTable("framing", "messages recovered").AddRow("newline", string.Join(" | ", byLine)).AddRow("length prefix (read 1 byte at a time)", string.Join(" | ", byLength)));

// ## Several clients at once
//
// `TcpServer` handles every connection in its own task, so clients do not wait for each other. This server
// takes 0.2 s to answer each line. Twenty clients connect at the same moment, each sends one line and reads
// the answer line:

// ---- cell 16 ----
var upper = await TcpServer.StartAsync("slow-upper", async (s, ct) =>
{
    var line = await new LineReader(new NetworkStream(s)).ReadAsync(ct);
    await Task.Delay(200, ct); // 0.2 s of "work" per request
    await SocketClient.SendAllAsync(s, $"{line?.ToUpperInvariant()}\n", cancellationToken: ct);
});
async Task<(int Client, string Reply)> Ask(int id)
{
    using var s = await SocketClient.ConnectAsync(upper.EndPoint);
    await SocketClient.SendAllAsync(s, $"client {id}\n");
    using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(3));
    return (id, await new LineReader(new NetworkStream(s)).ReadAsync(deadline.Token) ?? "(closed)");
}
var together = System.Diagnostics.Stopwatch.StartNew();
var answers = await Task.WhenAll(Enumerable.Range(1, 20).Select(Ask));
together.Stop();
display(answers.Aggregate(new HtmlTable("client", "reply", "correct"), (t, a) => t.AddRow(a.Client, a.Reply, a.Reply == $"CLIENT {a.Client}")));

// Served one after another, twenty answers of 0.2 s each would take 4 s. How long they took here:

// ---- cell 18 ----
display(new HtmlTable("clients", "one answer takes", "one after another", "all twenty took")
    .AddRow(answers.Length, "0.2 s", $"{answers.Length * 0.2:0.0} s", $"{together.Elapsed.TotalSeconds:0.00} s"));

// ---- cell 19 ----
await upper.DisposeAsync();
await echo.DisposeAsync();
display($"servers still running: {TcpServer.RunningNames.Count}");

// ## Check your understanding
//
// 1. Count the recorder's receives for its three sends above. Would the count be the same every time? Why might it differ on a real network?
// 2. Why is a newline delimiter awkward for sending binary data such as images?
// 3. What should a server do when a client sends a length prefix of 2 GB?
//
// ## Exercise 13.1 — Read exactly *n* bytes (3 points)
//
// Write `ReadExactly((Stream, Count))`: read from the stream until you have exactly `Count` bytes and return
// them. A read may return fewer bytes than asked; a read that returns 0 means the stream ended before `Count`
// bytes came — then throw an `EndOfStreamException`. Do not use `Stream.ReadExactly` or `ReadAtLeast`. The check reads from a real socket behind the course's
// fault-injecting proxy, which splits the bytes into small pieces (1 to 64 bytes), so one read is rarely enough.

// ---- cell 21 (solution 13.1) ----
byte[] ReadExactly((Stream Source, int Count) job)
{
    // BEGIN SOLUTION: Keep a byte[Count] and an offset; loop Read(buffer, offset, Count - offset); add what it returns; 0 means end of stream.
    var buffer = new byte[job.Count];
    var offset = 0;
    while (offset < job.Count)
    {
        var n = job.Source.Read(buffer, offset, job.Count - offset);
        if (n == 0) throw new EndOfStreamException($"Stream ended after {offset} of {job.Count} bytes.");
        offset += n;
    }
    return buffer;
    // END SOLUTION
}

// ---- cell 22 (check 13.1) ----
display(await global::NetCourse.Grader.CheckAsync(new global::NetCourse.Exercise("13.1", "Read exactly n bytes", 3), ReadExactly, global::NetCourse.Judges.ReadExactly,
    (10, 1, 20), (100, 7, 110), (50, 5, 20)));

// ## Exercise 13.2 — A line-framed server (5 points)
//
// Write the handler `UpperLines(connection, ct)` of a line-framed service: the client sends UTF-8 text; answer each
// line, the bytes up to a `\n`, with the line upper-cased (`ToUpperInvariant`) followed by `\n`, as soon as the line is
// complete. When the client closes its sending side (a receive returns 0), answer a last line that has no `\n` the same
// way, then return, so the connection closes. The check cuts the text at arbitrary bytes (one line may take several
// receives, even the middle of a character), sends several lines in one piece, sends empty lines, and connects several
// clients at once beside one that never sends. Use the socket's receive and send yourself, with a deadline on each receive.

// ---- cell 24 (solution 13.2) ----
async Task UpperLines(Socket connection, CancellationToken ct)
{
    // BEGIN SOLUTION: Keep the bytes after the last '\n' for the next receive, and decode a line only once it is whole.
    var pending = new List<byte>();
    var buffer = new byte[4096];
    async Task Answer(List<byte> line)
    {
        var reply = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(line.ToArray()).ToUpperInvariant() + "\n");
        for (var sent = 0; sent < reply.Length;)
            sent += await connection.SendAsync(reply.AsMemory(sent), SocketFlags.None, ct);
    }
    while (true)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(30)); // a client that sends nothing for 30 s is dropped
        var n = await connection.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
        if (n == 0) break;
        pending.AddRange(buffer[..n]);
        int newline;
        while ((newline = pending.IndexOf((byte)'\n')) >= 0)
        {
            await Answer(pending.GetRange(0, newline));
            pending.RemoveRange(0, newline + 1);
        }
    }
    if (pending.Count > 0) await Answer(pending);
    // END SOLUTION
}

// ---- cell 25 (check 13.2) ----
display(await global::NetCourse.Grader.CheckAsync(new global::NetCourse.Exercise("13.2", "A line-framed server", 5), UpperLines, global::NetCourse.Judges.LineServer,
    ("hello\nworld\n", new[] { 3, 8 }, 1), ("héllo wörld\nnaïve\n", new[] { 2, 9 }, 1), ("one\ntwo\n\nlast", Array.Empty<int>(), 3)));

// ## Summary
//
// - One-shot server: read one framed request (a line), reply, close. Loop server: repeat until a receive returns 0 (the peer finished sending); whether a last reply can still be read is for the protocol to say.
// - Clients in notebooks are scripted loops, never console input.
// - TCP merges and splits writes: one receive is not one message. Frame messages with a delimiter or a length prefix.
// - Handle each connection concurrently to serve many clients at once.
//
// [← 12 The TCP client, step by step](12-tcp-client.ipynb) · [14 Handshake timing →](14-handshake-timing.ipynb)
