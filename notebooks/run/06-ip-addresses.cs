// 06-ip-addresses — generated from notebooks/06-ip-addresses.ipynb by `dotnet run --project lib/NetCourse.Course -- export`.
// Do not edit: edit the notebook and export again. Run it from the repository root with:
//   dotnet run notebooks/run/06-ip-addresses.cs
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

// # 06 · IP addresses
//
// **You will be able to**
// - read IPv4 addresses as 32 bits and IPv6 addresses as 128 bits;
// - convert an address to its bytes and back (what C's `inet_aton` / `inet_ntoa` do);
// - compute a block's network, first host, last host and broadcast from its prefix length — without assuming /24;
// - ping the loopback address, and say what a domain name adds.

// (setup cell: the library is referenced by the #:project line above)
ConsoleDisplay.Start("06-ip-addresses");
static void display(object? value) => ConsoleDisplay.Show(value);

// ## IPv4: 32 bits written as four numbers
//
// An IPv4 address is a 32-bit number. Dotted decimal writes its four bytes as decimal numbers 0–255,
// most significant first (network byte order). The same address three ways:

// ---- cell 3 ----
var address = "192.168.1.77";
display(new HtmlTable("dotted decimal", "bytes", "one 32-bit number", "bits")
    .AddRow(address, string.Join(" ", Ipv4Address.ToBytes(address)), Ipv4Address.ToUInt32(address), Ipv4Address.ToBinary(address)));

// The course's parser is strict on purpose: it rejects each of these with a message that names the problem.
// Other parsers accept most of them and mean something surprising — C's `inet_aton`, and .NET's own
// `IPAddress.Parse`: `"010"` is octal 8, `"1.2.3"` is 1.2.0.3, `"127.1"` is 127.0.0.1. The last column shows
// what `IPAddress.TryParse` makes of each:

// ---- cell 5 ----
var table = new HtmlTable("text", "Ipv4Address (strict)", "IPAddress.TryParse");
foreach (var text in new[] { "1.2.3", "127.1", "256.1.1.1", "010.0.0.1", "10.0.0.1" })
{
    string strict;
    try { strict = Ipv4Address.FromBytes(Ipv4Address.ToBytes(text)); }
    catch (ArgumentException e) { strict = e.Message.Split(" (Parameter")[0]; }
    table.AddRow(text, strict, IPAddress.TryParse(text, out var parsed) ? parsed.ToString() : "rejected");
}
display(table);

// ## IPv6: 128 bits in hexadecimal
//
// IPv6 writes its 16 bytes as eight groups of up to four hex digits, leading zeros dropped; the longest run of
// two or more all-zero groups becomes `::` (RFC 5952). The same address written in full and short:

// ---- cell 7 ----
var v6 = IPAddress.Parse("2001:0db8:0000:0000:0000:8a2e:0370:7334");
var bytes = v6.GetAddressBytes();
var full = string.Join(":", Enumerable.Range(0, 8).Select(g => Convert.ToHexString(bytes, 2 * g, 2).ToLowerInvariant()));
display(new HtmlTable("in full", "short (RFC 5952)", "bits").AddRow(full, v6, bytes.Length * 8));

// ## Networks, hosts and broadcast: it is all in the prefix
//
// An address with a prefix length, like **192.168.1.77/26**, says: the first 26 bits name the network,
// the remaining 6 bits name a host in it. Clear all host bits and you get the **network address**; set them
// all and you get the **broadcast address**; the hosts lie in between.

// ---- cell 9 ----
display(Ipv4Prefix.Parse("192.168.1.77/26"));

// The familiar ".0 is the network, .255 is broadcast" holds only for prefixes of /24 or shorter (see the /8
// row): then the whole last byte is host bits. From /25 to /30 the network and broadcast addresses fall inside
// the last byte. The same host in other blocks:

// ---- cell 11 ----
var compare = new HtmlTable("prefix", "network", "first host", "last host", "broadcast", "hosts");
foreach (var cidr in new[] { "192.168.1.77/24", "192.168.1.77/26", "192.168.1.77/30", "192.168.1.77/31", "192.168.1.77/32", "10.20.30.40/8" })
{
    var p = Ipv4Prefix.Parse(cidr);
    compare.AddRow(cidr, p.Network, p.FirstHost, p.LastHost, p.Broadcast ?? "none", p.HostCount.ToString("N0"));
}
display(compare);

// A /31 has no broadcast address, and its network address is no longer set aside: both of its two addresses are
// hosts, for point-to-point links (RFC 3021). A /32 is one single host.
//
// ## Ping the loopback address
//
// `ping` sends ICMP echo requests and times the replies. To 127.0.0.1 the answer comes back from this very
// host. The first echo a program sends also pays one-time setup (loading code, opening the ICMP socket), so the
// cell sends one warm-up echo and shows the four after it. (Some sandboxes forbid ICMP; then the table says so.)

// ---- cell 13 ----
await Pinger.PingAsync("127.0.0.1", count: 1); // warm-up, not shown
display(await Pinger.PingAsync("127.0.0.1", count: 4));

// ## Domain names
//
// People use names; packets carry addresses. DNS maps one to the other, and a name may have several
// addresses of both families. `localhost` needs no DNS server: it comes from the hosts file.

// ---- cell 15 ----
display(await Hosts.LookupAsync("localhost"));

// ## Check your understanding
//
// 1. How many host addresses does a /27 have? What is the broadcast of 10.1.1.100/27?
// 2. Why is "the broadcast address ends in .255" wrong for 192.168.1.77/26?
// 3. How many bits are in an IPv6 address, and how many hex digits does it take to write one in full?
//
// ## Exercise 06.1 — Dotted decimal to a number (2 points)
//
// Write `ToNumber(address)`: return the 32-bit value of a dotted IPv4 address (first byte in the top 8
// bits). Split and parse it yourself; do not use `IPAddress` or `Ipv4Address`.

// ---- cell 17 (solution 06.1) ----
uint ToNumber(string address)
{
    // BEGIN SOLUTION: Each dotted part is one byte of the 32-bit number, the first part the most significant.
    var p = address.Split('.').Select(uint.Parse).ToArray();
    return p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
    // END SOLUTION
}

// ---- cell 18 (check 06.1) ----
display(global::NetCourse.Grader.Check(new global::NetCourse.Exercise("06.1", "Dotted decimal to a number", 2), ToNumber,
    ("0.0.0.1", 1u), ("192.168.1.77", 3232235853u)));

// ## Exercise 06.2 — Broadcast address (3 points)
//
// Write `Broadcast(cidr)`: for an IPv4 block like `"192.168.1.77/26"` return its broadcast address as
// dotted text (`"192.168.1.127"`). The prefix length is between 0 and 30. You may use
// `Ipv4Address.ToUInt32` and `Ipv4Address.FromUInt32`, but not `Ipv4Prefix`.

// ---- cell 20 (solution 06.2) ----
string Broadcast(string cidr)
{
    // BEGIN SOLUTION: The prefix length says how many leading bits are the network; the broadcast address sets every other bit. Mind /0: a C# shift of a uint counts modulo 32.
    var parts = cidr.Split('/');
    var length = int.Parse(parts[1]);
    var mask = length == 0 ? 0u : uint.MaxValue << (32 - length);
    return Ipv4Address.FromUInt32(Ipv4Address.ToUInt32(parts[0]) | ~mask);
    // END SOLUTION
}

// ---- cell 21 (check 06.2) ----
display(global::NetCourse.Grader.Check(new global::NetCourse.Exercise("06.2", "Broadcast address", 3), Broadcast,
    ("192.168.1.77/26", "192.168.1.127"), ("10.0.0.5/24", "10.0.0.255"), ("10.0.0.5/0", "255.255.255.255"), ("10.0.0.5/32", "10.0.0.5")));

// ## Exercise 06.3 — An access list by subnet (4 points)
//
// Servers often admit clients by address: "only 127.0.0.0/30", a block written in CIDR notation, an address and the
// number of leading bits that name the network (RFC 4632 §3.1). Write the handler `Admit(connection, allowed, cancellationToken)`
// of such a server. Take the client's address from the accepted socket, decide whether it lies in the block `allowed`,
// send one line, `"<address> allowed\n"` or `"<address> denied\n"` with the address in dotted decimal, and return, which
// closes the connection. Do the mask arithmetic yourself, as in 06.2 (no `Ipv4Prefix`, no `IPNetwork`), and give the send
// a deadline.
//
// The check's server listens on a dual-stack IPv6 socket bound to `::ffff:127.0.0.1`, as a server that takes both families
// does, so an IPv4 client arrives under its IPv4-mapped address, `::ffff:127.0.0.5` (RFC 4291 §2.5.5.2). Its clients connect
// from several addresses of 127.0.0.0/8, each socket bound to its source address before it connects. The whole block is
// loopback (RFC 1122 §3.2.1.3) and Linux treats every address in it as its own; macOS configures only 127.0.0.1, and there
// the check says which addresses it could not send from. With each connection the check tells your handler the block, then
// waits for your answer and your close.

// ---- cell 23 (solution 06.3) ----
async Task Admit(Socket connection, string allowed, CancellationToken cancellationToken)
{
    // BEGIN SOLUTION: The client is the remote end of the accepted socket, perhaps IPv4-mapped (RFC 4291 §2.5.5.2). An address lies in a block when its first length bits equal the block's; /0 needs the same care as in 06.2.
    var client = ((IPEndPoint)connection.RemoteEndPoint!).Address;
    if (client.IsIPv4MappedToIPv6) client = client.MapToIPv4();
    var block = allowed.Split('/');
    var bits = int.Parse(block[1]);
    var networkMask = bits == 0 ? 0u : uint.MaxValue << (32 - bits);
    var inside = (Ipv4Address.ToUInt32(client.ToString()) & networkMask) == (Ipv4Address.ToUInt32(block[0]) & networkMask);
    var answer = Encoding.ASCII.GetBytes($"{client} {(inside ? "allowed" : "denied")}\n");
    using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    deadline.CancelAfter(TimeSpan.FromSeconds(2));
    for (var sent = 0; sent < answer.Length;)
        sent += await connection.SendAsync(answer.AsMemory(sent), SocketFlags.None, deadline.Token);
    // END SOLUTION
}

// ---- cell 24 (check 06.3) ----
display(await global::NetCourse.Grader.CheckAsync(new global::NetCourse.Exercise("06.3", "An access list by subnet", 4), Admit, global::NetCourse.Judges.AccessList,
    ("127.0.0.0/30", new[] { "127.0.0.1", "127.0.0.3", "127.0.0.4" }), ("127.0.0.7/32", new[] { "127.0.0.7", "127.0.0.6" }),
    ("0.0.0.0/0", new[] { "127.0.0.9" }), ("127.128.0.0/9", new[] { "127.200.1.1", "127.1.2.3" })));

// ## Summary
//
// - IPv4: 32 bits, four bytes in network byte order, written as dotted decimal. IPv6: 128 bits in hex.
// - Network = address AND mask; broadcast = address OR NOT mask; hosts lie between. Network .0 and broadcast .255 are only
//   guaranteed for /24 or shorter; /25–/30 put them inside the last byte.
// - /31 and /32 have no broadcast address: every address in them is a host.
// - A server learns its client's address from the accepted socket (`RemoteEndPoint`); a dual-stack socket shows an IPv4
//   client as `::ffff:a.b.c.d`. An address lies in a block when it equals the block's network under the mask.
// - Ping checks that a host answers ICMP; DNS turns names into addresses.
//
// [← 05 Hosts](05-hosts.ipynb) · [07 Ports and services →](07-ports-and-services.ipynb)
