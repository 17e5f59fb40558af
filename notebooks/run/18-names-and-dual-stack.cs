// 18-names-and-dual-stack — generated from notebooks/18-names-and-dual-stack.ipynb by `dotnet run --project lib/NetCourse.Course -- export`.
// Do not edit: edit the notebook and export again. Run it from the repository root with:
//   dotnet run notebooks/run/18-names-and-dual-stack.cs
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

// # 18 · Names and dual stack
//
// **You will be able to**
// - say what `Dns.GetHostAddressesAsync` returns for a name, in which order, and of which address families;
// - write a client that tries each address of a name until one connects;
// - build a DNS query by hand, byte by byte (RFC 1035), send it to a DNS server, and read the reply field by field,
//   name compression included;
// - race IPv6 and IPv4 connects the way Happy Eyeballs does (RFC 8305), and see why it exists.

// (setup cell: the library is referenced by the #:project line above)
ConsoleDisplay.Start("18-names-and-dual-stack");
static void display(object? value) => ConsoleDisplay.Show(value);

// ## A name, several addresses
//
// `Dns.GetHostAddressesAsync` hands the name to the operating system's resolver (`getaddrinfo` on Linux and macOS,
// which reads `/etc/hosts` and then asks DNS, in the order `/etc/nsswitch.conf` gives). The resolver returns every
// address it found, **sorted**: RFC 6724's destination address selection puts the address most likely to work
// first, and on glibc `/etc/gai.conf` can change that order. Asking for one family narrows the answer.
// Each lookup below has a deadline:

// ---- cell 3 ----
var lookups = new HtmlTable("lookup of localhost", "#", "address", "family", "loopback");
foreach (var (label, family) in new[] { ("any family", AddressFamily.Unspecified), ("IPv4 only", AddressFamily.InterNetwork), ("IPv6 only", AddressFamily.InterNetworkV6) })
{
    IPAddress[] found;
    try { found = await Dns.GetHostAddressesAsync("localhost", family).WaitAsync(TimeSpan.FromSeconds(2)); }
    catch (SocketException e) { found = []; lookups.AddRow(label, "", $"none ({e.SocketErrorCode})", "", ""); }
    catch (TimeoutException) { found = []; lookups.AddRow(label, "", "no answer within 2 s", "", ""); }
    for (var i = 0; i < found.Length; i++)
        lookups.AddRow(label, i + 1, found[i], found[i].AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4", IPAddress.IsLoopback(found[i]) ? "yes" : "no");
}
display(lookups);

// What this machine said, in one sentence (a machine whose `/etc/hosts` has a `::1 localhost` line lists ::1 too,
// usually first):

// ---- cell 5 ----
var any = await Dns.GetHostAddressesAsync("localhost").WaitAsync(TimeSpan.FromSeconds(2));
display($"localhost resolves to {any.Length} address{(any.Length == 1 ? "" : "es")} here: {string.Join(", then ", any.Select(a => $"{a} ({(a.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4")})"))}.");

// ## Trying each address
//
// A client given a name does not know which address will work: a server may listen on IPv4 only, an IPv6 route may
// be broken. So it tries the addresses **in the resolver's order**, each with a deadline, until one connects.
// A server that listens on 127.0.0.1 only, and a name that (like many real names) has an IPv6 address first:

// ---- cell 7 ----
var v4only = await TcpServer.StartAsync("v4-only", (s, ct) => Task.CompletedTask, IPAddress.Loopback);
var tries = new HtmlTable("address", "result");
foreach (var address in new[] { IPAddress.IPv6Loopback, IPAddress.Loopback })
{
    using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
    using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2));
    try { await socket.ConnectAsync(new IPEndPoint(address, v4only.EndPoint.Port), deadline.Token); }
    catch (SocketException e) { tries.AddRow(address, $"failed: {e.SocketErrorCode}; trying the next address"); continue; }
    catch (OperationCanceledException) { tries.AddRow(address, "no answer within 2 s; trying the next address"); continue; }
    tries.AddRow(address, $"connected to {socket.RemoteEndPoint}");
    break;
}
display(tries);

// **Notice:** a refused address costs almost nothing: the RST comes back at once. An address where packets vanish
// costs the whole deadline before the next one is tried. That difference is why Happy Eyeballs exists (below).
//
// ## A DNS message by hand
//
// Underneath the resolver, a DNS lookup is one UDP datagram out and one back (RFC 1035 §4, port 53 on the
// Internet). The message has
// - a **header** of 12 bytes: an ID chosen by the client and copied into the reply, 16 bits of flags
//   (QR query/response, opcode, AA authoritative, TC truncated, RD recursion desired, RA, and a 4-bit response code),
//   and four counts;
// - the **question**: the name as **labels** — each a length byte and that many bytes, the last an empty label
//   (a zero byte) — then the type (1 = A, 28 = AAAA) and class (1 = IN);
// - the **answers**: a name, type, class, a time to live in seconds, the data length and the data (4 bytes for A).
//
// An answer repeats the question's name, so RFC 1035 §4.1.4 lets a name end in a **compression pointer**: two
// bytes whose top two bits are `11`, the other 14 bits an offset earlier in the message where the rest of the name is.
//
// The course runs a small DNS server on loopback UDP (`TinyDnsServer`) for a few names under `.test`, a domain
// RFC 2606 reserves for testing, so these names can never mean a real host:

// ---- cell 9 ----
var dns = await TinyDnsServer.StartAsync();
display(dns.Zone.Aggregate(new HtmlTable("name", "addresses") { Caption = $"TinyDnsServer on {dns.EndPoint}" }, (t, kv) => t.AddRow(kv.Key, string.Join(", ", kv.Value))));

// The query for the A record of `course.test`, with ID 0x1234, field by field:

// ---- cell 11 ----
var query = DnsMessage.Query(0x1234, "course.test", DnsMessage.TypeA);
display(DnsMessage.Explain(query));

// Sent as one datagram, with a deadline for the reply:

// ---- cell 13 ----
var resolver = UdpClientSteps.Open();
UdpClientSteps.Send(resolver, dns.EndPoint, query);
var reply = await UdpClientSteps.ReceiveAsync(resolver, TimeSpan.FromSeconds(1)) ?? throw new TimeoutException("The DNS server did not answer within 1 s.");
display(DnsMessage.Explain(reply));

// **Notice:** the reply is the query with QR and AA set, ANCOUNT 1 and an answer appended. The answer's NAME is just
// two bytes, `c0 0c`: a pointer (top bits `11`) to offset 12, where the question's name starts. A parser that
// follows pointers must make sure they cannot go round in a circle; the course's parser insists that each pointer
// point earlier than the one before it, and rejects the message otherwise.
//
// Other questions: the IPv6 address, a name with two addresses, a name the server does not know (RCODE 3,
// NXDOMAIN), and a query whose first label length byte is `0x40`, a form RFC 1035 leaves undefined (RCODE 1, FORMERR):

// ---- cell 15 ----
async Task<DnsMessage> Ask(byte[] q)
{
    UdpClientSteps.Send(resolver, dns.EndPoint, q);
    return DnsMessage.Parse(await UdpClientSteps.ReceiveAsync(resolver, TimeSpan.FromSeconds(1)) ?? throw new TimeoutException("No DNS reply within 1 s."));
}
var asked = new HtmlTable("question", "response code", "answers");
foreach (var (name, type) in new[] { ("course.test", DnsMessage.TypeAaaa), ("www.course.test", DnsMessage.TypeA), ("nowhere.test", DnsMessage.TypeA) })
{
    var answer = await Ask(DnsMessage.Query(0x2000, name, type));
    asked.AddRow($"{name} {(type == DnsMessage.TypeA ? "A" : "AAAA")}", DnsMessage.ResponseCodeName(answer.ResponseCode), string.Join(", ", answer.Answers.Select(a => a.Address)));
}
var broken = query.ToArray();
broken[12] = 0x40;
asked.AddRow("the first query with byte 12 set to 0x40", DnsMessage.ResponseCodeName((await Ask(broken)).ResponseCode), "");
display(asked);

// And what the server made of everything it was sent so far:

// ---- cell 17 ----
display(dns.Counts);

// ## Happy Eyeballs
//
// Trying addresses one after another is correct but can be slow: when the first address is IPv6 and IPv6 is broken
// somewhere on the path, every connection waits for a deadline first. **Happy Eyeballs** (RFC 8305, which replaced
// RFC 6555) races them instead: start a connect to the first address (IPv6 first, families alternating); if it
// has not connected after the *connection attempt delay* (RFC 8305 §8 recommends 250 ms), start the next address
// **beside** it; start the next at once when one fails; the first connection wins and the others are cancelled.
//
// On loopback, make IPv6 "broken" the way lesson 14 showed: a listener on [::1] whose accept queue is full, so the
// kernel drops every new SYN. An IPv4 server listens on the same port number, and `course.test` resolves (through
// the course's DNS server) to ::1 and 127.0.0.1:

// ---- cell 19 ----
var stalled = await StalledListener.StartAsync(IPAddress.IPv6Loopback);
var dual = await TcpServer.StartAsync("dual-v4", (s, ct) => Task.CompletedTask, IPAddress.Loopback, stalled.EndPoint.Port);
var aaaa = await Ask(DnsMessage.Query(0x3000, "course.test", DnsMessage.TypeAaaa));
var a = await Ask(DnsMessage.Query(0x3001, "course.test", DnsMessage.TypeA));
var addresses = aaaa.Answers.Concat(a.Answers).Select(r => r.Address!).ToList();
display(new HtmlTable("course.test resolves to", "port", "what listens there")
    .AddRow(string.Join(", ", addresses), stalled.EndPoint.Port, $"[::1]: a full queue that drops SYNs ({stalled.Queued} connections waiting, none accepted); 127.0.0.1: a server that accepts"));

// One address after another, each with a 2-second deadline, as .NET's `Socket.ConnectAsync(host, port)` tries them:

// ---- cell 21 ----
var oneByOne = await HappyEyeballs.OneByOneAsync(addresses, stalled.EndPoint.Port, TimeSpan.FromSeconds(2));
display(oneByOne);

// The same addresses raced, with the 250 ms stagger:

// ---- cell 23 ----
var raced = await HappyEyeballs.ConnectAsync(addresses, stalled.EndPoint.Port);
display(raced);

// ---- cell 24 ----
display(new HtmlTable("strategy", "connected to", "after")
    .AddRow(oneByOne.Strategy, oneByOne.Winner?.RemoteEndPoint?.ToString() ?? "nothing", $"{oneByOne.Elapsed.TotalMilliseconds:0} ms")
    .AddRow(raced.Strategy, raced.Winner?.RemoteEndPoint?.ToString() ?? "nothing", $"{raced.Elapsed.TotalMilliseconds:0} ms ({oneByOne.Elapsed / raced.Elapsed:0.0} × faster)"));

// **Notice:** the race started IPv4 one stagger after IPv6 and connected almost at once, then cancelled the
// stalled IPv6 attempt; one-by-one paid the whole deadline first. Without any deadline, a connect whose SYNs are
// dropped waits for every SYN retransmission (about two minutes with Linux's default `tcp_syn_retries` of 6), which
// is what users of dual-stack hosts with broken IPv6 used to see.
//
// Stop everything:

// ---- cell 26 ----
oneByOne.Dispose();
raced.Dispose();
stalled.Dispose();
resolver.Dispose();
await dual.DisposeAsync();
await v4only.DisposeAsync();
await dns.DisposeAsync();
display($"servers still running: {TcpServer.RunningNames.Count}");

// ## Check your understanding
//
// 1. Why does the resolver sort the addresses, and why should a client keep that order?
// 2. What does the 14-bit offset of a compression pointer count from, and why must a parser check where it points?
// 3. Why does Happy Eyeballs wait 250 ms before the second attempt instead of starting all attempts at once?
//
// ## Exercise 18.1 — A DNS lookup by hand (5 points)
//
// Write `Resolve(job)`: look up the A record of `job.Name` at the DNS server `job.Server` and return its address,
// or `null` when the server answers that the name does not exist (response code 3).
//
// - Build the query yourself, byte by byte (do not use `DnsMessage`): a 12-byte header with ID `job.Id`
//   (**high byte first**), flags `0x0100` (a standard query, recursion desired), QDCOUNT 1 and the other counts 0;
//   then the name as labels ending in a zero byte; then QTYPE 1 (A) and QCLASS 1 (IN), each two bytes.
// - Send it in one UDP datagram and wait for the reply with a deadline (1 s is plenty on loopback).
// - Ignore a reply whose ID is not yours: anyone can send you a datagram.
// - Read the reply: the response code is the low 4 bits of byte 3; skip the question (its name, then 4 bytes); the
//   answer's name may be labels **or end in a compression pointer** (a byte with the top bits `11` and the byte after
//   it); then come type, class, TTL (4 bytes), the data length (2 bytes) and the address.
//
// The check runs its own DNS server, which reads your query strictly and answers with or without compression.

// ---- cell 28 (solution 18.1) ----
async Task<IPAddress?> Resolve((IPEndPoint Server, string Name, ushort Id) job)
{
    // BEGIN SOLUTION: A List<byte> of header (Id >> 8, Id & 0xff, 0x01, 0x00, 0, 1, then six zeros), labels, 0, 0, 1, 0, 1; SendToAsync; ReceiveAsync under a deadline until bytes 0-1 match; RCODE = reply[3] & 0x0F; skip names with a loop that stops at a zero byte or after a pointer's two bytes.
    var query = new List<byte> { (byte)(job.Id >> 8), (byte)job.Id, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };
    foreach (var label in job.Name.Split('.'))
    {
        query.Add((byte)label.Length);
        query.AddRange(Encoding.ASCII.GetBytes(label));
    }
    query.AddRange(new byte[] { 0, 0, 1, 0, 1 }); // the root label, QTYPE A, QCLASS IN
    using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    await socket.SendToAsync(query.ToArray(), SocketFlags.None, job.Server);
    var reply = new byte[512];
    using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(1));
    int n;
    do n = await socket.ReceiveAsync(reply, SocketFlags.None, deadline.Token);
    while (n < 12 || reply[0] != query[0] || reply[1] != query[1]); // not the reply to this query
    if ((reply[3] & 0x0F) == 3) return null; // NXDOMAIN
    int SkipName(int at)
    {
        while (reply[at] != 0)
        {
            if ((reply[at] & 0xC0) == 0xC0) return at + 2; // a compression pointer ends the name
            at += 1 + reply[at];
        }
        return at + 1;
    }
    var answer = SkipName(SkipName(12) + 4); // past the question, then past the answer's name
    var length = (reply[answer + 8] << 8) | reply[answer + 9];
    return new IPAddress(reply.AsSpan(answer + 10, length));
    // END SOLUTION
}

// ---- cell 29 (check 18.1) ----
display(await global::NetCourse.Grader.CheckAsync(new global::NetCourse.Exercise("18.1", "A DNS lookup by hand", 5), Resolve, global::NetCourse.Judges.Dns,
    new global::NetCourse.DnsCase("course.test", 0x1234, "127.0.0.1"),
    new global::NetCourse.DnsCase("www.course.test", 0x0102, "127.0.0.2", Compress: false),
    new global::NetCourse.DnsCase("mail.course.test", 0xBEEF, "127.0.0.9", WrongIdFirst: true),
    new global::NetCourse.DnsCase("nowhere.course.test", 0x0A0B, null)));

// ## Summary
//
// - A name can have several addresses of both families; the resolver sorts them (RFC 6724), and a client tries them in that order, each with a deadline.
// - A DNS query is one datagram: a 12-byte header, the question as labels, type and class; the reply adds answers whose names are often compression pointers.
// - Parse DNS strictly: check every length against the message, check the reply's ID, and never follow a pointer that does not point earlier.
// - Happy Eyeballs (RFC 8305) races the addresses with a 250 ms stagger, so one broken family costs a fraction of a second, not a deadline.
//
// [← 17 Reliable delivery over UDP](17-reliable-udp.ipynb) · [19 TLS →](19-tls.ipynb)
