// 02-standards-and-layer-models — generated from notebooks/02-standards-and-layer-models.ipynb by `dotnet run --project lib/NetCourse.Course -- export`.
// Do not edit: edit the notebook and export again. Run it from the repository root with:
//   dotnet run notebooks/run/02-standards-and-layer-models.cs
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

// # 02 · Standards and layer models
//
// **You will be able to**
// - explain why networks need agreed standards, with two real mismatches you can reproduce;
// - name the seven OSI layers, what each does, and a real protocol or device for each;
// - map the OSI model onto the four-layer TCP/IP model and the five-layer teaching model.

// (setup cell: the library is referenced by the #:project line above)
ConsoleDisplay.Start("02-standards-and-layer-models");
static void display(object? value) => ConsoleDisplay.Show(value);

// ## Why standards
//
// A network exists to move data. That only works when both ends agree on *everything*: which voltage
// or light pulse means a 1, how bytes are grouped, which byte of a number comes first, how text is
// encoded. Two machines that disagree on any of these exchange bytes perfectly and still misunderstand
// each other. Two quick experiments show it.
//
// **Text encodings.** The same five letters, encoded by one side as UTF-8 and decoded by the other as Latin-1:

// ---- cell 3 ----
var sent = Encoding.UTF8.GetBytes("naïve");
display(new HtmlTable("bytes on the wire", "read as UTF-8", "read as Latin-1")
    .AddRow(Convert.ToHexString(sent), Encoding.UTF8.GetString(sent), Encoding.Latin1.GetString(sent)));

// **Byte order.** A 16-bit port number such as 8080 (0x1F90) is two bytes. CPUs disagree on which comes
// first; Internet protocols fixed it: *network byte order* is big-endian, most significant byte first.

// ---- cell 5 ----
ushort port = 8080;
var cpuOrder = BitConverter.GetBytes(port);                  // this machine's own order
var networkOrder = new[] { (byte)(port >> 8), (byte)port };  // most significant byte first
int ReadBigEndian(byte[] b) => b[0] << 8 | b[1];
int ReadLittleEndian(byte[] b) => b[1] << 8 | b[0];
display(new HtmlTable("written by", "bytes", "read as big-endian", "read as little-endian")
    .AddRow(BitConverter.IsLittleEndian ? "this CPU (little-endian)" : "this CPU (big-endian)", Convert.ToHexString(cpuOrder), ReadBigEndian(cpuOrder), ReadLittleEndian(cpuOrder))
    .AddRow("network byte order (big-endian)", Convert.ToHexString(networkOrder), ReadBigEndian(networkOrder), ReadLittleEndian(networkOrder)));

// Read with the wrong order, port 8080 becomes port 36895. Standards bodies exist to settle questions like
// these once and for everyone:
//
// - **ISO** (with the IEC) published the OSI reference model as ISO/IEC 7498-1: a framework and a vocabulary.
// - The **IETF** publishes the Internet's protocols as RFCs, free to read (IPv4 in RFC 791, IPv6 in RFC 8200,
//   TCP in RFC 9293, and the host requirements that define the TCP/IP layers in
//   RFC 1122), written alongside running code.
// - The **IEEE** standardises the physical and data-link layers of local networks: Ethernet (802.3) and
//   Wi-Fi (802.11).
//
// ## The OSI reference model
//
// OSI splits the job of communicating into seven layers. Each layer uses the service of the one below
// and offers a service to the one above, so each can be understood — and replaced — on its own.

// ---- cell 7 ----
display(LayerModels.Osi());

// OSI is a *reference* model: a vocabulary for talking about networks. The Internet was not built from it;
// its protocols follow the simpler TCP/IP model, where one application layer does the work of OSI's top
// three, and one link layer covers the bottom two.
//
// ## Three models side by side
//
// The Internet's own model, from the IETF's host requirements, has four layers:

// ---- cell 9 ----
display(LayerModels.TcpIp());

// Many textbooks teach a third, five-layer model: TCP/IP with the link layer split back into OSI's data link
// and physical layers. Put the three models next to each other, one row per OSI layer:

// ---- cell 11 ----
display(LayerModels.SideBySide());

// The models are data, so questions about them take one line. Which TCP/IP layer does the work of OSI
// layer 6, presentation? The answer is one layer, shown with every OSI layer it covers:

// ---- cell 13 ----
display(LayerModels.TcpIp().Covering(6));

// When someone says "layer 4" they mean the transport layer in the OSI numbering, whichever model
// they use otherwise.
//
// ## Check your understanding
//
// 1. The Latin-1 reading above shows six characters where five were sent. Which letter was sent as two
//    bytes, and why does Latin-1 show two characters for it?
// 2. Why do Internet protocols need *one* byte order rather than "whatever the sender's CPU uses"?
// 3. A switch forwards frames by MAC address; a router forwards packets by IP address. Which OSI layers are those?
//
// ## Exercise 02.1 — Network byte order (2 points)
//
// Write `ToNetworkOrder(value)`: return the 4 bytes of a 32-bit unsigned number, most significant byte
// first. Use shifts and casts; do not use `BitConverter` or `BinaryPrimitives`.

// ---- cell 15 (solution 02.1) ----
byte[] ToNetworkOrder(uint value)
{
    // BEGIN SOLUTION: Network order puts the most significant byte first (RFC 1700); shift each byte down to the low 8 bits before you cast it.
    return new[] { (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value };
    // END SOLUTION
}

// ---- cell 16 (check 02.1) ----
display(global::NetCourse.Grader.Check(new global::NetCourse.Exercise("02.1", "Network byte order", 2), ToNetworkOrder,
    (0x01020304u, new byte[] { 1, 2, 3, 4 }),
    (8080u, new byte[] { 0, 0, 0x1F, 0x90 })));

// ## Exercise 02.2 — OSI layer to TCP/IP layer (2 points)
//
// Write `TcpIpLayer(osiLayer)`: return the name of the TCP/IP layer that does the work of OSI layer
// `osiLayer` (1–7), spelled as in the four-layer table above: `"Link"`, `"Internet"`, `"Transport"` or
// `"Application"`. For any other number throw an `ArgumentOutOfRangeException` whose message names it.
// Do not use `LayerModels`.

// ---- cell 18 (solution 02.2) ----
string TcpIpLayer(int osiLayer)
{
    // BEGIN SOLUTION: Map each OSI layer to the TCP/IP layer that does its job (RFC 1122 §1.1.3); a number that is not an OSI layer is refused with an exception naming it.
    return osiLayer switch
    {
        1 or 2 => "Link",
        3 => "Internet",
        4 => "Transport",
        >= 5 and <= 7 => "Application",
        _ => throw new ArgumentOutOfRangeException(nameof(osiLayer), osiLayer, $"OSI layer {osiLayer} does not exist: use 1 to 7."),
    };
    // END SOLUTION
}

// ---- cell 19 (check 02.2) ----
display(global::NetCourse.Grader.Check(new global::NetCourse.Exercise("02.2", "OSI layer to TCP/IP layer", 2), TcpIpLayer,
    (4, "Transport"), (1, "Link"), (5, "Application"), (8, global::NetCourse.Rejection.Of<ArgumentOutOfRangeException>(naming: "8")),
    (0, global::NetCourse.Rejection.Of<ArgumentOutOfRangeException>(naming: "0"))));

// ## Summary
//
// - Communication needs agreement on everything from signals to byte order and text encoding; standards
//   (ISO, IEEE, IETF) provide it.
// - OSI (ISO/IEC 7498-1) has seven layers: physical, data link, network, transport, session, presentation, application.
// - The Internet follows the TCP/IP model: link, internet, transport, application; the five-layer model splits the link layer in two.
// - Network byte order is big-endian.
// - OSI layers 5–7 map onto the TCP/IP application layer, 4 onto transport, 3 onto internet, 1–2 onto link.
//
// [← 01 What is a network](01-what-is-a-network.ipynb) · [03 Layering and encapsulation →](03-layering-and-encapsulation.ipynb)
