// 09-udp — generated from notebooks/09-udp.ipynb by `dotnet run --project lib/NetCourse.Course -- export`.
// Do not edit: edit the notebook and export again. Run it from the repository root with:
//   dotnet run notebooks/run/09-udp.cs
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

// # 09 · UDP
//
// **You will be able to**
// - say what UDP offers: single datagrams, no connection, no delivery or order guarantee;
// - show that UDP keeps message boundaries;
// - make datagram loss visible, and see TCP deliver the same burst without loss;
// - choose UDP for the right reasons.

// (setup cell: the library is referenced by the #:project line above)
ConsoleDisplay.Start("09-udp");
static void display(object? value) => ConsoleDisplay.Show(value);

// ## Datagrams, not a stream
//
// UDP (RFC 768) adds almost nothing to IP: ports and a checksum. Each `SendTo` becomes one datagram; each
// receive returns one whole datagram or nothing. There is no connection to set up, and nothing tells the
// sender whether a datagram arrived. A datagram longer than the receive buffer is cut off on Linux (the rest is
// discarded) and raises a `SocketException` (`MessageSize`) on Windows, so the course always receives into a
// 65,536-byte buffer, larger than any UDP datagram.
//
// Start a UDP server on loopback that answers each datagram with it in upper case:

// ---- cell 3 ----
var shout = await UdpServer.StartAsync("shout", datagram => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(datagram).ToUpperInvariant()));
display($"The UDP server listens on {shout.EndPoint}.");

// Send three datagrams back to back, then receive. Three sends give three receives, each exactly one
// message — boundaries are kept, unlike TCP:

// ---- cell 5 ----
var client = UdpClientSteps.Open();
foreach (var word in new[] { "one", "two", "three" })
    UdpClientSteps.Send(client, shout.EndPoint, Encoding.UTF8.GetBytes(word));
var replies = new HtmlTable("receive", "datagram");
for (var i = 1; i <= 3; i++)
    replies.AddRow(i, await UdpClientSteps.ReceiveAsync(client, TimeSpan.FromSeconds(2)) is { } d ? Encoding.UTF8.GetString(d) : "(nothing within 2 s)");
display(replies);

// A receive with nothing to receive would wait forever without its deadline; here it gives up after 0.5 s
// and says so:

// ---- cell 7 ----
display(await UdpClientSteps.ReceiveAsync(client, TimeSpan.FromMilliseconds(500)) is null ? "no datagram within 0.5 s" : "a datagram arrived");

// ---- cell 8 ----
client.Dispose();
await shout.DisposeAsync();

// ## Loss made visible
//
// A receiver's socket has a receive buffer. When datagrams arrive faster than the program reads them and
// the buffer is full, the kernel simply **drops** them. Nobody is told.
//
// TCP in the same situation does something else: the receiver advertises a zero window, so the sender's
// `Send` waits until there is room. Flow control turns a slow receiver into a slow sender — nothing is lost.
//
// The experiment sends the same burst over both transports to a receiver that is not reading during the burst.
// Both sides ask for 4 KiB socket buffers. The table shows what the operating system made of the request
// (Linux doubles every `SO_RCVBUF` request to leave room for its bookkeeping, socket(7)) and, per transport,
// the longest a single send waited. Each queued datagram costs the kernel memory besides its bytes, so fewer
// 512-byte datagrams fit than the buffer's size suggests; the sentence under the table counts them:

// ---- cell 10 ----
var loss = await LossExperiment.RunAsync(messages: 5000, size: 512);
display(loss);

// ---- cell 11 ----
display($"Asked for {loss.RequestedBufferSize:N0}-byte receive buffers, the operating system gave {loss.UdpReceiveBuffer:N0} bytes (UDP) and {loss.TcpReceiveBuffer:N0} (TCP). "
    + $"UDP delivered {loss.UdpReceived:N0} of {loss.Messages:N0} datagrams and lost {loss.Messages - loss.UdpReceived:N0} ({100.0 * (loss.Messages - loss.UdpReceived) / loss.Messages:0.#} %), and no send waited longer than {loss.UdpLongestSend.TotalMilliseconds:0.#} ms; "
    + $"TCP delivered {loss.TcpReceived:N0} of {loss.Messages:N0}, and its sender waited up to {loss.TcpLongestSend.TotalMilliseconds:0} ms in one send.");

// ---- cell 12 ----
display(loss.Chart());

// ## When to choose UDP
//
// UDP is the right choice when
// - **latency beats completeness**: voice, video, games — a late packet is worse than a lost one;
// - **the exchange is one request and one reply**: DNS queries, NTP;
// - **one message goes to many**: broadcast and multicast exist only for datagrams;
// - **you build your own transport on top**: QUIC (HTTP/3) runs over UDP.
//
// It is not "for bad networks": on a lossy network the application has to do the recovery TCP would have done.
//
// ## Check your understanding
//
// 1. When a UDP receiver gets only part of a burst, why does the sender not notice?
// 2. Why can TCP not lose data to a full receive buffer?
// 3. Why is DNS usually carried over UDP, while a zone transfer uses TCP?
//
// ## Exercise 09.1 — A UDP reply handler (3 points)
//
// Write `Reply(datagram)`: the handler of a UDP server. For a datagram holding the UTF-8 text `ping`,
// reply `pong`; for `time?`, reply exactly the four letters `time` (not the clock); for anything else reply
// nothing (`null`). Matching is exact and case-sensitive: `PING` or `ping ` gets no reply. The check
// starts a real UDP server on loopback with your handler and sends it datagrams.

// ---- cell 14 (solution 09.1) ----
byte[]? Reply(byte[] datagram)
{
    // BEGIN SOLUTION: Decode with Encoding.UTF8.GetString, switch on the text, encode the answer with Encoding.UTF8.GetBytes; null for no reply.
    return Encoding.UTF8.GetString(datagram) switch
    {
        "ping" => Encoding.UTF8.GetBytes("pong"),
        "time?" => Encoding.UTF8.GetBytes("time"),
        _ => null,
    };
    // END SOLUTION
}

// ---- cell 15 (check 09.1) ----
display(await global::NetCourse.Grader.CheckAsync(new global::NetCourse.Exercise("09.1", "A UDP reply handler", 3), Reply, global::NetCourse.Judges.UdpReply,
    ("ping", "pong"), ("hello", (string?)null)));

// ## Summary
//
// - UDP sends independent datagrams: boundaries kept, no connection, no guarantee of delivery or order.
// - A full receive buffer silently drops datagrams; TCP's flow control makes the sender wait instead.
// - Every UDP receive in a program needs a timeout, because the datagram may never come.
// - Choose UDP for latency-sensitive traffic, small request/reply exchanges, broadcast and multicast.
//
// [← 08 TCP](08-tcp.ipynb) · [10 Socket types →](10-socket-types.ipynb)
