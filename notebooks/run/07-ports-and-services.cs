// 07-ports-and-services — generated from notebooks/07-ports-and-services.ipynb by `dotnet run --project lib/NetCourse.Course -- export`.
// Do not edit: edit the notebook and export again. Run it from the repository root with:
//   dotnet run notebooks/run/07-ports-and-services.cs
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

// # 07 · Ports and services
//
// **You will be able to**
// - say what a port is, its valid range, and the three IANA ranges;
// - find this machine's ephemeral (client) port range;
// - look up a service's port from the system's services database (`getservbyname`);
// - bind port 0 to get a free port, and explain "address already in use".

// (setup cell: the library is referenced by the #:project line above)
ConsoleDisplay.Start("07-ports-and-services");
static void display(object? value) => ConsoleDisplay.Show(value);

// ## A port picks the program
//
// An IP address gets a packet to a host; the **port** — a 16-bit number in the TCP or UDP header — gets it
// to one program on that host. A connection is identified by four numbers: local address, local port,
// remote address, remote port. Ports run from **0 to 65535**; anything else is an error:

// ---- cell 3 ----
var check = new HtmlTable("port", "IANA range");
foreach (var port in new[] { 22, 80, 443, 3306, 8080, 49152, 60000, 65535, 70000, -1 })
{
    try { check.AddRow(port, Ports.Classify(port)); }
    catch (ArgumentOutOfRangeException e) { check.AddRow(port, e.Message.Split(" (Parameter")[0]); }
}
display(check);

// IANA (RFC 6335) splits the space in three:
//
// | range | name | used for |
// |---|---|---|
// | 0–1023 | system (well-known) ports | standard services; on Linux, ports below `net.ipv4.ip_unprivileged_port_start` (1024 by default) need root or CAP_NET_BIND_SERVICE |
// | 1024–49151 | user (registered) ports | services registered with IANA, e.g. MySQL 3306 |
// | 49152–65535 | dynamic / private ports | never assigned; free for temporary use |
//
// ## Ephemeral ports
//
// A client rarely chooses its own port: the operating system hands it one from the **ephemeral range**
// when it connects. Linux uses 32768–60999 by default — not the IANA dynamic range:

// ---- cell 5 ----
var (low, high, source) = Ports.EphemeralRange();
display(new HtmlTable("first", "last", "ports", "read from").AddRow(low, high, high - low + 1, source));

// A client connecting to a course server is given a port from that range:

// ---- cell 7 ----
var probe = await TcpServer.StartAsync("ephemeral-demo", Handlers.Echo);
int clientPort;
using (var clientSocket = await SocketClient.ConnectAsync(probe.EndPoint, TimeSpan.FromSeconds(5)))
    clientPort = ((IPEndPoint)clientSocket.LocalEndPoint!).Port;
await probe.DisposeAsync();
display($"The client was given port {clientPort}: {(clientPort >= low && clientPort <= high ? "inside" : "outside")} the range {low}–{high}.");

// ## From service name to port
//
// Unix keeps a services database in `/etc/services` (`getservbyname` reads it). The course reads the same
// file and falls back to a built-in table for names it lacks; the last column says which answered.

// ---- cell 9 ----
display(ServiceDirectory.System.Describe("ssh", "smtp", "http", "https", "mysql", "postgresql"));

// Where `/etc/services` is missing (Windows keeps its copy elsewhere; some minimal containers have none), every
// answer comes from the built-in table. Here the course loads a file that does not exist:

// ---- cell 11 ----
display(ServiceDirectory.Load("/no/such/services").Describe("ssh", "smtp", "http", "https", "mysql", "postgresql"));

// The reverse, `getservbyport`:

// ---- cell 13 ----
var https = ServiceDirectory.System.NameOf(443);
display(https is null ? "Port 443/tcp has no registered name here." : $"Port {https.Port}/{https.Protocol} is {https.Name} (answered by {https.Source}).");

// ## Port 0: let the system choose
//
// Binding port 0 asks the operating system for any free port. Every server in this course does that, then
// reports the port it got. Here is one, and the operating system's own list of listening sockets contains it:

// ---- cell 15 ----
var first = await TcpServer.StartAsync("ports-demo", Handlers.Echo);
display(TcpTable.Read().Where(e => e.State == TcpConnectionState.Listen && e.Local.Port == first.EndPoint.Port));

// ## "Address already in use"
//
// Only one socket may listen on an address and port, unless both set `SO_REUSEPORT`; a listener on 0.0.0.0
// also blocks 127.0.0.1 on that port. Ask for the port that is already taken, and the bind fails — the message
// names the port, the process holding it (here this notebook's own .NET process) and what to do:

// ---- cell 17 ----
string outcome;
try
{
    await TcpServer.StartAsync("ports-demo-2", Handlers.Echo, port: first.EndPoint.Port);
    outcome = "bound (unexpected)";
}
catch (InvalidOperationException e) { outcome = e.Message; }
display(outcome);

// ---- cell 18 ----
await first.DisposeAsync();
display(TcpTable.Read().Listening.Any(e => e.Local.Port == first.EndPoint.Port)
    ? $"Port {first.EndPoint.Port} still has a listener."
    : $"After DisposeAsync, port {first.EndPoint.Port} has no listener any more.");

// When a server closes its connections first, they linger in TIME_WAIT (lesson 08) on the server's port. In C
// or Python a restarted server then fails to bind that port ("address already in use") until they expire,
// unless it sets `SO_REUSEADDR` before binding. .NET sets it for you on Linux and macOS, and Windows allows the
// bind anyway, so a restarted .NET server binds at once.
//
// ## Check your understanding
//
// 1. Why can two different programs on one host both connect to port 443 of the same server?
// 2. Why does a course server never use a fixed port like 8080?
// 3. Is 50000 an ephemeral port on Linux by default? In the IANA scheme?
//
// ## Exercise 07.1 — Port range (2 points)
//
// Write `Range(port)`: return `"system"`, `"user"` or `"dynamic"` for the IANA range of `port`, and
// `"invalid"` for anything outside 0–65535. Do not use `Ports.Classify`.

// ---- cell 20 (solution 07.1) ----
string Range(int port)
{
    // BEGIN SOLUTION: RFC 6335 §6 splits 0-65535 into three ranges; compare with each range's last port, both ends included, and call anything outside 0-65535 invalid.
    if (port < 0 || port > 65535) return "invalid";
    if (port <= 1023) return "system";
    return port <= 49151 ? "user" : "dynamic";
    // END SOLUTION
}

// ---- cell 21 (check 07.1) ----
display(global::NetCourse.Grader.Check(new global::NetCourse.Exercise("07.1", "Port range", 2), Range,
    (22, "system"), (1023, "system"), (1024, "user"), (49151, "user"), (49152, "dynamic"), (65536, "invalid"), (-1, "invalid")));

// ## Exercise 07.2 — A services-file line (2 points)
//
// Write `PortOf(line)`: return the port number of one line of `/etc/services`, for example
// `"mysql 3306/tcp # MySQL"` → 3306. A blank line or a comment-only line gives -1.

// ---- cell 23 (solution 07.2) ----
int PortOf(string line)
{
    // BEGIN SOLUTION: A services(5) line is name, port/protocol, aliases, then an optional # comment; drop the comment first, and a line with no fields has no port.
    var fields = line.Split('#')[0].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
    return fields.Length < 2 ? -1 : int.Parse(fields[1].Split('/')[0]);
    // END SOLUTION
}

// ---- cell 24 (check 07.2) ----
display(global::NetCourse.Grader.Check(new global::NetCourse.Exercise("07.2", "A services-file line", 2), PortOf,
    ("ssh\t\t22/tcp\t\t\t# SSH Remote Login Protocol", 22), ("# comment", -1), ("", -1)));

// ## Exercise 07.3 — A port probe (4 points)
//
// A port scanner such as nmap tries a TCP connect and names what it found: **open** (the handshake completed: a program
// accepts connections there), **closed** (the host answered with a reset, so connect(2) fails with `ECONNREFUSED`) or
// **filtered** (no answer at all: only a deadline ends the wait). Write `ProbeAsync(target, deadline)`: one TCP connect to
// `target`, given `deadline` at most; return `"open"`, `"closed"` or `"filtered"`, and close any connection you made.
//
// The check sets up each state on 127.0.0.1 or `[::1]`: its own live server; a port nothing listens on; and a port whose
// accept queue is full, so that Linux drops the SYN without an answer (it resends an unanswered SYN `tcp_syn_retries` times,
// 6 by default, about two minutes in all: tcp(7)). It checks the state, the time (a silent port costs its deadline and not
// much more; the others answer at once), and that its live server saw your connection closed.

// ---- cell 26 (solution 07.3) ----
async Task<string> ProbeAsync(IPEndPoint target, TimeSpan deadline)
{
    // BEGIN SOLUTION: A connect ends in one of three ways: it completes, it is refused, or the deadline passes first. Each of them is an answer, one state each.
    using var probeSocket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
    using var timer = new CancellationTokenSource(deadline);
    try
    {
        await probeSocket.ConnectAsync(target, timer.Token);
        return "open"; // leaving the block closes the connection
    }
    catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused) { return "closed"; }
    catch (OperationCanceledException) when (timer.IsCancellationRequested) { return "filtered"; }
    // END SOLUTION
}

// ---- cell 27 (check 07.3) ----
display(await global::NetCourse.Grader.CheckAsync(new global::NetCourse.Exercise("07.3", "A port probe", 4), ProbeAsync, global::NetCourse.Judges.PortProbe,
    ("open", "127.0.0.1", 1000), ("closed", "127.0.0.1", 1000), ("filtered", "::1", 400), ("filtered", "127.0.0.1", 1500)));

// ## Summary
//
// - A port (0–65535) selects the program; IANA ranges: 0–1023 system, 1024–49151 user, 49152–65535 dynamic.
// - Linux gives clients ephemeral ports from 32768–60999 unless configured otherwise.
// - `/etc/services` maps names to ports: ssh 22, http 80, https 443, mysql 3306.
// - Bind port 0 to get a free port; binding a taken one fails with "address already in use".
// - A connect tells open (it completes), closed (a reset: `ECONNREFUSED`) and filtered (no answer before the deadline).
//
// [← 06 IP addresses](06-ip-addresses.ipynb) · [08 TCP →](08-tcp.ipynb)
