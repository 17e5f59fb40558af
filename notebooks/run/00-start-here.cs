// 00-start-here — generated from notebooks/00-start-here.ipynb by `dotnet run --project lib/NetCourse.Course -- export`.
// Do not edit: edit the notebook and export again. Run it from the repository root with:
//   dotnet run notebooks/run/00-start-here.cs
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

// # 00 · Start here
//
// Welcome to **NetCourse**: network programming in C#, taught with real sockets on your own machine.
// Every lesson that uses sockets starts its servers and clients on the *loopback* interface (127.0.0.1 and
// ::1), so nothing leaves your computer and nothing needs a second machine.
//
// **In this notebook you will**
// - load the course library that every lesson uses,
// - check that this machine can run the course (SDK, kernel, loopback IPv4 and IPv6, free ports, packet capture),
// - learn how lessons and graded exercises work.
//
// Run the cells from top to bottom (**Run All** works too).

// (setup cell: the library is referenced by the #:project line above)
ConsoleDisplay.Start("00-start-here");
static void display(object? value) => ConsoleDisplay.Show(value);

// ## The setup cell
//
// The cell above is the first code cell of every lesson. It loads the script `lib/netcourse.csx`, which builds the
// course library (`lib/NetCourse`) when its sources changed, loads it and prints one line such as `NetCourse 1.0 loaded`.
// The first build took 16 s on an idle two-core machine (77–84 s while the same machine was busy); later runs only load it.
// If the build fails, the cell stops with the compiler's messages.
// From the next cell on, every type of the library can be used by name (`using NetCourse;` is already in place).
//
// ## Is this machine ready?
//
// The check below opens a real listener on each loopback address and connects to it, asks the
// operating system for a free port, and looks for a packet-capture tool. Every step has a deadline,
// so the cell always finishes.

// ---- cell 3 ----
var report = await EnvironmentCheck.RunAsync();
display(report);

// A **warning** is fine: the cells that need that feature say so and skip it, or, for packet capture, show a capture recorded on loopback instead. A **failed** check
// stops the lessons; the last column says what to do.

// ---- cell 5 ----
display(report.Ready ? "Ready: go on to lesson 01." : "Not ready: fix the failed checks above first.");

// ## How a lesson works
//
// Each lesson has the same shape:
//
// 1. **Objectives** — what you will be able to do at the end.
// 2. **Short explanations, each followed by a small code cell** that shows exactly that idea. Read the
//    cell, run it, look at the table or chart it produces.
// 3. **Check your understanding** — a few questions to answer for yourself.
// 4. **Exercises** — you write a function or a handler in the cell marked *your code*, then run the
//    *check* cell below it. The check runs your code on practice cases and shows a table: which
//    cases passed, the points, and a hint when something is wrong. Your instructor grades the same
//    exercises with more (hidden) cases, so make your code correct, not just the visible cases.
// 5. **Summary** and links to the previous and next lesson.
//
// Three rules keep every lesson safe to run again and again:
// - servers bind **127.0.0.1 or ::1 on port 0**, so the operating system picks a free port and nothing is reachable from outside;
// - every server a lesson starts is stopped in a later cell, and starting it again replaces the old one;
// - every wait (connect, accept, receive) has a **timeout**, and the cell tells you when it fired.
//
// ## The lessons
//
// | # | Lesson | Syllabus |
// |---|--------|----------|
// | 01 | [What is a network](01-what-is-a-network.ipynb) | S01 |
// | 02 | [Standards and layer models](02-standards-and-layer-models.ipynb) | S02–S04 |
// | 03 | [Layering and encapsulation](03-layering-and-encapsulation.ipynb) | S05 |
// | 04 | [Protocols](04-protocols.ipynb) | S06 |
// | 05 | [Hosts](05-hosts.ipynb) | S07 |
// | 06 | [IP addresses](06-ip-addresses.ipynb) | S08 |
// | 07 | [Ports and services](07-ports-and-services.ipynb) | S09 |
// | 08 | [TCP](08-tcp.ipynb) | S10 |
// | 09 | [UDP](09-udp.ipynb) | S11 |
// | 10 | [Socket types](10-socket-types.ipynb) | S12 |
// | 11 | [The TCP server, step by step](11-tcp-server.ipynb) | S13 |
// | 12 | [The TCP client, step by step](12-tcp-client.ipynb) | S14 |
// | 13 | [Message transfer](13-message-transfer.ipynb) | S15 |
// | 14 | [Handshake timing](14-handshake-timing.ipynb) | S16 |
//
// ## Three ways in
//
// - **VS Code** with the Polyglot Notebooks extension: open a lesson; the C# kernel is selected.
// - **Jupyter** (JupyterLab, Notebook, or any front end) with the .NET kernel registered — see the README.
// - **No notebook at all**: every lesson is also exported as a .NET 10 file-based app in `notebooks/run/`;
//   `dotnet run notebooks/run/01-what-is-a-network.cs` runs it in a terminal.
//
// Next: [01 · What is a network →](01-what-is-a-network.ipynb)
