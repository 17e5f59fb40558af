// 05-hosts — generated from notebooks/05-hosts.ipynb by `dotnet run --project lib/NetCourse.Course -- export`.
// Do not edit: edit the notebook and export again. Run it from the repository root with:
//   dotnet run notebooks/run/05-hosts.cs
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

// # 05 · Hosts
//
// **You will be able to**
// - tell apart `127.0.0.1`, `localhost`, `0.0.0.0` and a LAN address, and say which to use when;
// - find this machine's name and look names and addresses up in both directions from C#;
// - list this machine's interfaces and addresses, as `ip addr` / `ifconfig` / `ipconfig` do.

// (setup cell: the library is referenced by the #:project line above)
ConsoleDisplay.Start("05-hosts");
static void display(object? value) => ConsoleDisplay.Show(value);

// ## A host and its names
//
// A **host** is any device with an IP address that runs programs: a laptop, a server, a phone. A host has a
// name for people and one or more addresses for the network. In C the classic calls are `gethostname`,
// `gethostbyname` (today `getaddrinfo`) and `gethostbyaddr`; in .NET they are methods of `Dns`. This machine's name:

// ---- cell 3 ----
display($"This machine is named {Dns.GetHostName()}."); // gethostname

// Name to addresses. A lookup may ask a DNS server that never answers, so it gets a deadline: a
// `CancellationTokenSource` that cancels after 5 s.

// ---- cell 5 ----
IPAddress[] addresses; // gethostbyname / getaddrinfo
using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
    addresses = await Dns.GetHostAddressesAsync("localhost", deadline.Token);
display(new HostLookup("localhost", addresses));

// Address to name, with the same kind of deadline:

// ---- cell 7 ----
IPHostEntry entry; // gethostbyaddr
using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
    entry = await Dns.GetHostEntryAsync("127.0.0.1", deadline.Token);
display($"127.0.0.1 is named {entry.HostName}");

// The course wraps these three calls as `Hosts.HostName`, `Hosts.LookupAsync(name)` and
// `Hosts.ReverseLookupAsync(address)` (lesson 06 uses `Hosts.LookupAsync`): each lookup gets a 5 s deadline by default, and a
// resolver that never answers makes the cell fail with a `TimeoutException` that says what was looked up,
// instead of hanging.
//
// ## Four addresses that are easy to confuse

// ---- cell 9 ----
display(AddressClassifier.Describe("127.0.0.1", "::1", "0.0.0.0", "192.168.1.20", "169.254.10.1", "224.0.0.251", "100.64.0.1", "192.0.2.1", "8.8.8.8"));

// - **127.0.0.1** (and all of 127.0.0.0/8, and `::1` in IPv6) is *loopback*: packets never leave this
//   host. Every server in this course listens here, so nothing is reachable from outside.
// - **localhost** is a *name*, not an address. The hosts file maps it to 127.0.0.1, to ::1 or to both,
//   depending on the machine (the lookup above shows this one's); which one a client tries first depends on
//   the resolver.
// - **0.0.0.0** means "no particular address". In `Bind` it means *every local interface*
//   (`IPAddress.Any`, INADDR_ANY): the server accepts connections to any of this host's addresses, loopback
//   and each interface's, as far as the firewall lets them in. As a destination RFC 1122 forbids it; Linux
//   treats a connect to 0.0.0.0 as "this host", but never rely on that.
// - **A LAN address** is the address of a real interface, which other machines on the same network use to
//   reach this one. It is often private (RFC 1918: 10/8, 172.16/12, 192.168/16, like 192.168.1.20 in the
//   table above): reachable from the local network, not from the Internet. This machine's are listed below.
//
// The kinds in the table follow IANA's special-purpose address registry (RFC 6890). Besides loopback and the
// private blocks it sets aside, among others, 0.0.0.0/8 ("this network"), 100.64.0.0/10 (shared by carrier-grade
// NAT, RFC 6598), 192.0.0.0/24 (protocol assignments), 198.18.0.0/15 (benchmarking), 240.0.0.0/4 (reserved),
// 255.255.255.255 (broadcast) and three blocks for documentation (192.0.2.0/24, 198.51.100.0/24 and
// 203.0.113.0/24, RFC 5737; examples in this course use them). None of these is reachable across the
// Internet, except two anycast addresses inside 192.0.0.0/24 (192.0.0.9 and 192.0.0.10) that the registry
// marks globally reachable. An address in no special block, and not multicast, is **global**.
//
// ## This machine's interfaces
//
// An interface is where a host meets a network: the loopback interface, an Ethernet card, a Wi-Fi radio, a
// virtual interface of a container. Each has addresses with a prefix length.

// ---- cell 11 ----
display(InterfaceTable.Read());

// A server bound to 127.0.0.1 is reachable only through loopback. The cell starts one on port 0, then
// connects to that port twice: through 127.0.0.1, and through this machine's first non-loopback IPv4
// address from the table above, each attempt with a 2 s deadline. The first is accepted; the second fails
// (refused at once on Linux; Windows retries the SYN first and may reach the deadline), because nothing
// listens on that address (if the machine has no such address, the table says so):

// ---- cell 13 ----
var loopbackOnly = await TcpServer.StartAsync("loopback-only", Handlers.Echo);
var lan = InterfaceTable.Read().Addresses.FirstOrDefault(a => a.Family == "IPv4" && a.Kind != AddressKind.Loopback && a.Status == "Up")?.Address;
async Task<string> TryConnect(string address)
{
    try { using var socket = await SocketClient.ConnectAsync(new IPEndPoint(IPAddress.Parse(address), loopbackOnly.EndPoint.Port), TimeSpan.FromSeconds(2)); return "accepted"; }
    catch (SocketException e) { return $"failed: {e.SocketErrorCode}"; }
    catch (TimeoutException) { return "no answer within 2 s"; }
}
var reach = new HtmlTable("server bound to", "client connects to", "result")
    .AddRow(loopbackOnly.EndPoint, $"127.0.0.1:{loopbackOnly.EndPoint.Port}", await TryConnect("127.0.0.1"))
    .AddRow(loopbackOnly.EndPoint, lan is null ? "(this machine has no non-loopback IPv4 address)" : $"{lan}:{loopbackOnly.EndPoint.Port}", lan is null ? "not tried" : await TryConnect(lan));
await loopbackOnly.DisposeAsync();
display(reach);

// ## Check your understanding
//
// 1. A server binds 127.0.0.1:8080. Can a browser on another machine reach it? What if it binds 0.0.0.0:8080?
// 2. Why can `localhost` be faster or slower to connect to than `127.0.0.1`? (Lesson 14 measures it.)
// 3. Which interface in the table above would a packet to 8.8.8.8 leave through?
//
// ## Exercise 05.1 — What kind of IPv4 address? (2 points)
//
// Write `Kind(address)`: for a dotted IPv4 address return
// - `"unspecified"` for 0.0.0.0, `"loopback"` for 127.0.0.0/8, `"private"` for 10/8, 172.16/12 and 192.168/16,
//   `"link-local"` for 169.254/16, `"multicast"` for 224/4, `"broadcast"` for 255.255.255.255;
// - `"reserved"` for the other special-purpose blocks above: the rest of 0.0.0.0/8, 100.64.0.0/10, 192.0.0.0/24,
//   192.0.2.0/24, 198.18.0.0/15, 198.51.100.0/24, 203.0.113.0/24 and the rest of 240.0.0.0/4;
// - `"global"` for everything else, including 192.0.0.9 and 192.0.0.10 (the registry's more specific entries win).
//
// Mind the prefix lengths: 100.64.0.0/10 runs to 100.127.255.255, and 198.18.0.0/15 to 198.19.255.255.
// Look at the bytes yourself: you may use `Ipv4Address.ToBytes`, but not `AddressClassifier`.

// ---- cell 15 (solution 05.1) ----
string Kind(string address)
{
    // BEGIN SOLUTION: Use the special-purpose registry of RFC 6890: test single addresses that sit inside a larger block before that block, then each block by its prefix.
    var b = Ipv4Address.ToBytes(address);
    if (b.All(x => x == 0)) return "unspecified";
    if (b.All(x => x == 255)) return "broadcast";
    if (b[0] == 127) return "loopback";
    if (b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168)) return "private";
    if (b[0] == 169 && b[1] == 254) return "link-local";
    if (b[0] >= 224 && b[0] <= 239) return "multicast";
    if (b[0] == 192 && b[1] == 0 && b[2] == 0 && (b[3] == 9 || b[3] == 10)) return "global";
    if (b[0] == 0 || b[0] >= 240
        || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
        || (b[0] == 192 && b[1] == 0 && (b[2] == 0 || b[2] == 2))
        || (b[0] == 198 && (b[1] == 18 || b[1] == 19))
        || (b[0] == 198 && b[1] == 51 && b[2] == 100)
        || (b[0] == 203 && b[1] == 0 && b[2] == 113)) return "reserved";
    return "global";
    // END SOLUTION
}

// ---- cell 16 (check 05.1) ----
display(global::NetCourse.Grader.Check(new global::NetCourse.Exercise("05.1", "What kind of IPv4 address?", 2), Kind,
    ("127.0.0.1", "loopback"), ("192.168.1.20", "private"), ("8.8.8.8", "global"), ("100.100.0.1", "reserved"),
    ("172.20.0.1", "private"), ("192.0.0.10", "global")));

// ## Exercise 05.2 — Try each address in order (4 points)
//
// A name often has several addresses, and some of them may not answer. Write `FirstThatAnswers((Candidates, PerAttempt))`:
// try the candidate end points one after the other, in the order given, each with a deadline of `PerAttempt` of its
// own; return the first one that accepts a TCP connection, and close that connection. A refused connection and an
// attempt that reaches its deadline both mean: go on to the next. The check's candidates include a `[::1]` port that
// never answers (its accept queue is full, so Linux drops the SYN), a 127.0.0.1 port that refuses, and a live
// server, in varying orders; it also checks the time taken: each silent candidate gets its deadline, and no more.

// ---- cell 18 (solution 05.2) ----
async Task<IPEndPoint> FirstThatAnswers((IPEndPoint[] Candidates, TimeSpan PerAttempt) job)
{
    // BEGIN SOLUTION: One attempt at a time, each with a deadline of its own; both a refusal and an expired deadline mean "next".
    var failures = new List<string>();
    foreach (var candidate in job.Candidates)
    {
        using var socket = new Socket(candidate.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var deadline = new CancellationTokenSource(job.PerAttempt);
        try
        {
            await socket.ConnectAsync(candidate, deadline.Token);
            return candidate; // leaving the block closes the connection
        }
        catch (SocketException e) { failures.Add($"{candidate}: {e.SocketErrorCode}"); }
        catch (OperationCanceledException) { failures.Add($"{candidate}: no answer within {job.PerAttempt.TotalMilliseconds} ms"); }
    }
    throw new SocketException((int)SocketError.HostUnreachable, "No candidate answered: " + string.Join("; ", failures));
    // END SOLUTION
}

// ---- cell 19 (check 05.2) ----
display(await global::NetCourse.Grader.CheckAsync(new global::NetCourse.Exercise("05.2", "Try each address in order", 4), FirstThatAnswers, global::NetCourse.Judges.TryEach,
    ("SRL", 600), ("LRS", 600), ("RSL", 400)));

// ## Summary
//
// - Loopback (127.0.0.0/8, ::1) never leaves the host; `localhost` is a name that usually maps to it.
// - 0.0.0.0 in `Bind` means every interface; it is not a destination.
// - `Dns.GetHostName`, `Dns.GetHostAddressesAsync` and `Dns.GetHostEntryAsync` are .NET's gethostname,
//   gethostbyname and gethostbyaddr; give every lookup a deadline.
// - `NetworkInterface.GetAllNetworkInterfaces()` lists what `ip addr` shows.
//
// [← 04 Protocols](04-protocols.ipynb) · [06 IP addresses →](06-ip-addresses.ipynb)
