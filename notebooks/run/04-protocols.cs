// 04-protocols — generated from notebooks/04-protocols.ipynb by `dotnet run --project lib/NetCourse.Course -- export`.
// Do not edit: edit the notebook and export again. Run it from the repository root with:
//   dotnet run notebooks/run/04-protocols.cs
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

// # 04 · Protocols
//
// **You will be able to**
// - say what a protocol is: the messages, their format and order, and what each side does on each;
// - place well-known protocols in their layer;
// - speak HTTP by hand over a TCP socket to a server this notebook starts, and read the raw reply;
// - follow an SMTP-like dialogue and see that the order of messages is part of a protocol.

// (setup cell: the library is referenced by the #:project line above)
ConsoleDisplay.Start("04-protocols");
static void display(object? value) => ConsoleDisplay.Show(value);

// ## What a protocol is
//
// A protocol is an agreement between peers at the same layer: which messages exist, what their bytes look
// like, in what order they may come, and what to do when one arrives — including the wrong one. Human
// conversation has protocols too ("hello" before the question, "bye" before hanging up); machines need
// them written down precisely, which is what RFCs and IEEE standards do.

// ---- cell 3 ----
display(LayerModels.ProtocolsByLayer());

// ## Speaking HTTP by hand
//
// HTTP/1.1 is text: a request line, header lines, an empty line, and then maybe a body. Every line ends
// with CR LF (`\r\n`). To see that there is no magic, start a tiny web server on loopback — port 0, so the
// operating system picks a free port — and talk to it with nothing but a socket.

// ---- cell 5 ----
var web = await TcpServer.StartAsync("web", TinyHttpServer.Handle);
display(web);

// The request below is every byte the client sends. Its `Connection: close` header asks the server to close
// the connection after replying: HTTP/1.1 keeps a connection open by default, ready for the next request,
// so without it the client could not wait for the end of the connection to know the reply is complete.
// `RequestAsync` connects, sends the bytes, closes its sending side, and reads until the server closes —
// each step with a 5-second deadline.

// ---- cell 7 ----
var request = "GET /hello HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
var reply = await SocketClient.RequestAsync(web.EndPoint, request);
display(reply);

// The reply has the same shape: a status line (`HTTP/1.1 200 OK`), headers, an empty line, and the body.
// `Content-Length` tells the client how many body bytes to expect — HTTP's answer to the question "where
// does this message end?", which every protocol over TCP must answer (lesson 13).
//
// The server also tells the time at `/time`. Split the raw reply at the first empty line (`\r\n\r\n`):
// before it come the status line and the headers, each ended by CR LF; after it comes the body, whose end is
// given by its length, not by a line end:

// ---- cell 9 ----
var timeReply = await SocketClient.RequestAsync(web.EndPoint, "GET /time HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
var headEnd = timeReply.IndexOf("\r\n\r\n");
var (head, body) = (timeReply[..headEnd], timeReply[(headEnd + 4)..]);
var parts = new HtmlTable("part", "text") { Caption = "GET /time, as received" };
foreach (var (text, i) in head.Split("\r\n").Select((text, i) => (text, i)))
    parts.AddRow(i == 0 ? "status line + \\r\\n" : "header + \\r\\n", text);
parts.AddRow("empty line", "\\r\\n: the head ends here");
parts.AddRow($"body: {Encoding.UTF8.GetByteCount(body)} bytes = Content-Length", body);
display(parts);

// Ask for a page that does not exist, use a method the server does not offer, or send something that is not
// HTTP at all, and the protocol says what happens. A `405` reply must also say which methods *are* allowed,
// in an `Allow` header (RFC 9110):

// ---- cell 11 ----
var errors = new HtmlTable("request line", "status line", "Allow header");
foreach (var wrong in new[] { "GET /missing HTTP/1.1", "DELETE / HTTP/1.1", "hello there" })
{
    var replyLines = (await SocketClient.RequestAsync(web.EndPoint, $"{wrong}\r\nHost: localhost\r\nConnection: close\r\n\r\n")).Split("\r\n");
    errors.AddRow(wrong, replyLines[0], replyLines.FirstOrDefault(l => l.StartsWith("Allow:")) ?? "");
}
display(errors);

// Stop the server. Running the start cell again would also have replaced the old server, because servers
// are named ("web").

// ---- cell 13 ----
await web.DisposeAsync();
display(TcpServer.RunningNames.Contains("web") ? "The web server is still running." : "The web server has stopped: no server named \"web\" is running.");

// ## A protocol with a conversation: SMTP
//
// HTTP/1.1 as used here is one question and one answer. Mail transfer (SMTP, RFC 5321, port 25) is a real
// conversation: the server greets, the client introduces itself (`HELO`), names the sender (`MAIL FROM`) and
// the recipients (`RCPT TO`), sends the message after `DATA`, and ends with a line holding a single `.`.
// Every reply starts with a three-digit code: 2xx done, 3xx go on, 4xx failed for now — try again later,
// 5xx refused for good. Start a tiny SMTP-like
// server on loopback (it accepts mail and delivers it nowhere):

// ---- cell 15 ----
var mail = await TcpServer.StartAsync("mail", TinySmtpServer.Handle);
display(mail);

// The client below is a script, not a person at a keyboard: it sends each line and reads the one reply,
// except for the message lines after `354`, which get no reply until the final `.`. Every read has a 5-second deadline.

// ---- cell 17 ----
display(await SmtpScript.RunAsync(mail.EndPoint, [
    "HELO learner.test",
    "MAIL FROM:<learner@learner.test>",
    "RCPT TO:<teacher@netcourse.test>",
    "DATA",
    "Subject: lesson 04",
    "",
    "Protocols are agreements about order, too.",
    ".",
    "QUIT"]));

// The order is part of the protocol. Skip the introduction and the server refuses with `503 Bad sequence`:

// ---- cell 19 ----
display(await SmtpScript.RunAsync(mail.EndPoint, ["MAIL FROM:<learner@learner.test>", "HELO learner.test", "DATA", "QUIT"]));

// Stop the mail server:

// ---- cell 21 ----
await mail.DisposeAsync();
display(TcpServer.RunningNames.Contains("mail") ? "The mail server is still running." : "The mail server has stopped: no server named \"mail\" is running.");

// ## Other application protocols
//
// - **DNS** asks "which addresses does this name have?" in a compact binary format, usually over UDP port 53.
// - **TFTP** copies files over UDP port 69 with five message types and no login at all.
//
// ## Check your understanding
//
// 1. Why must each line of an HTTP/1.1 header end in `\r\n`, and what marks the end of the headers?
// 2. What would the client have to do if the server did not send `Content-Length` and did not close the connection?
// 3. Which layer's protocol decided that the reply went to *this* program and not another one on the same host?
// 4. In the SMTP dialogue, why does the client not wait for a reply after each line of the message itself?
//
// ## Exercise 04.1 — An HTTP GET by hand (5 points)
//
// Write `Get((Server, Host, Path))` with a socket of your own: connect to `Server`, send an HTTP/1.1 GET request for
// `Path` with a `Host: <Host>` header (every line of the head ends in `\r\n`, and an empty line ends the head), then
// read the response and return its status code and its body, decoded as UTF-8. The check's server is strict, as
// RFC 9112 allows a server to be: a request without `Host`, or with bare `\n` line ends, gets `400 Bad Request`. Like
// most HTTP/1.1 servers it keeps the connection open after the response, so the end of the body is not the end of the
// connection: the `Content-Length` header says how many bytes of body follow the empty line (RFC 9112 §6.3). Header
// names are case-insensitive (RFC 9110 §5.1); the response arrives in small pieces, some bodies are larger than 64 KiB,
// and some are empty. Put a deadline on the exchange.

// ---- cell 23 (solution 04.1) ----
async Task<(int Status, string Body)> Get((IPEndPoint Server, string Host, string Path) target)
{
    // BEGIN SOLUTION: The head ends at the first empty line; keep receiving until you have it, then until you have as many body bytes after it as Content-Length says. The server will not close to tell you.
    using var socket = new Socket(target.Server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
    using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(3));
    await socket.ConnectAsync(target.Server, deadline.Token);
    var request = Encoding.ASCII.GetBytes($"GET {target.Path} HTTP/1.1\r\nHost: {target.Host}\r\n\r\n");
    for (var sent = 0; sent < request.Length;)
        sent += await socket.SendAsync(request.AsMemory(sent), SocketFlags.None, deadline.Token);

    var data = new List<byte>();
    var buffer = new byte[8192];
    async Task ReceiveMore()
    {
        var n = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
        if (n == 0) throw new EndOfStreamException($"The server closed after {data.Count} bytes.");
        data.AddRange(buffer[..n]);
    }
    int EndOfHead()
    {
        for (var i = 3; i < data.Count; i++)
            if (data[i - 3] == '\r' && data[i - 2] == '\n' && data[i - 1] == '\r' && data[i] == '\n') return i + 1;
        return -1;
    }

    int bodyStart;
    while ((bodyStart = EndOfHead()) < 0) await ReceiveMore();
    var head = Encoding.ASCII.GetString(data.GetRange(0, bodyStart).ToArray()).Split("\r\n");
    var status = int.Parse(head[0].Split(' ')[1]);
    var length = head.Skip(1).Select(line => line.Split(':', 2))
        .Where(field => field.Length == 2 && field[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
        .Select(field => int.Parse(field[1].Trim())).Single();
    while (data.Count < bodyStart + length) await ReceiveMore();
    return (status, Encoding.UTF8.GetString(data.GetRange(bodyStart, length).ToArray()));
    // END SOLUTION
}

// ---- cell 24 (check 04.1) ----
display(await global::NetCourse.Grader.CheckAsync(new global::NetCourse.Exercise("04.1", "An HTTP GET by hand", 5), Get, global::NetCourse.Judges.HttpGet,
    ("netcourse.test", "/hello.txt", 200, 300, false), ("netcourse.test", "/missing", 404, 0, true),
    ("files.netcourse.test", "/big.txt", 200, 70_000, false)));

// ## Summary
//
// - A protocol fixes messages, formats, order and reactions; RFCs and IEEE standards write them down.
// - HTTP, DNS, SMTP, TFTP are application protocols; TCP and UDP transport; IP internet; Ethernet and Wi-Fi link.
// - HTTP/1.1 is readable text over a TCP connection; `Content-Length` (or closing the connection) marks where a message ends.
// - SMTP is a dialogue with numbered replies; a command out of order gets `503 Bad sequence`.
//
// [← 03 Layering and encapsulation](03-layering-and-encapsulation.ipynb) · [05 Hosts →](05-hosts.ipynb)
