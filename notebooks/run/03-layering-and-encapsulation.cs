// 03-layering-and-encapsulation — generated from notebooks/03-layering-and-encapsulation.ipynb by `dotnet run --project lib/NetCourse.Course -- export`.
// Do not edit: edit the notebook and export again. Run it from the repository root with:
//   dotnet run notebooks/run/03-layering-and-encapsulation.cs
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

// # 03 · Layering and encapsulation
//
// **You will be able to**
// - say why layering helps: separation of concerns, high cohesion, low coupling;
// - follow an application message as TCP, IP and Ethernet wrap it, on real bytes;
// - read each header field by field and check its checksum;
// - compute the Internet checksum and decode an IPv4 header yourself.

// (setup cell: the library is referenced by the #:project line above)
ConsoleDisplay.Start("03-layering-and-encapsulation");
static void display(object? value) => ConsoleDisplay.Show(value);

// ## Why layers
//
// Each layer has one concern. TCP worries about delivering a byte stream reliably and does not care whether
// the bits travel over copper or radio; Ethernet moves frames across one link and does not care what is
// inside them. Inside a layer the parts work closely together (*high cohesion*); between layers there is
// only a narrow interface (*low coupling*). That is why Wi-Fi could replace cables without changing a web
// browser, and why HTTP/3 could move from TCP to QUIC without changing Ethernet.
//
// ## Encapsulation on real bytes
//
// On the way down, every layer puts its own header in front of what it got from above. Here a tiny
// HTTP request is wrapped by TCP (20 bytes), IPv4 (20 bytes) and Ethernet II (14 bytes): 54 bytes, the
// minimum, because neither the IPv4 nor the TCP header here carries options. Real segments usually carry some:
// Linux puts the TCP timestamp option (RFC 7323, 10 bytes padded to 12) in every segment by default
// (`net.ipv4.tcp_timestamps = 1`), so its data segments have 66 bytes of headers (lesson 08 captures them). The addresses are
// from the documentation range 192.0.2.0/24; the checksums are computed for real. On the wire Ethernet II
// also appends a trailer, the 4-byte FCS (frame check sequence, a CRC-32 over the frame): the network card
// computes it when sending and checks and strips it when receiving, so packet captures leave it out, and so
// does this frame.

// ---- cell 3 ----
var frame = Frame.Encapsulate("GET / HTTP/1.1\r\nHost: example\r\n\r\n");
display(frame.HexDump());

// Now peel it like the receiver does, outermost first. The Ethernet header says what comes next (EtherType 0x0800 = IPv4):

// ---- cell 5 ----
display(frame.Layer("Ethernet"));

// The IPv4 header carries the addresses, a time-to-live that every router decreases, the protocol of the
// payload (6 = TCP) and a checksum over the header alone:

// ---- cell 7 ----
display(frame.Layer("IPv4"));

// The TCP header carries the ports that identify the two programs, the sequence and acknowledgement
// numbers that make the stream reliable, the control bits (here PSH and ACK), and a checksum that also
// covers a *pseudo-header*: the IP addresses, the protocol number and the TCP length:

// ---- cell 9 ----
display(frame.Layer("TCP"));

// The receiver peels the layers in order, and each header says who gets the rest: the EtherType names the
// network protocol, the IP protocol number names the transport protocol, and the port names the program.
// Each header type in the library parses its own bytes and reports its own length:

// ---- cell 11 ----
var ethernet = EthernetHeader.Parse(frame.Bytes);
var ip = Ipv4Header.Parse(frame.Bytes[14..]);
var tcp = TcpHeader.Parse(frame.Bytes[(14 + ip.HeaderLength)..]);
var start = 14 + ip.HeaderLength + tcp.HeaderLength;
display(new HtmlTable("layer", "header bytes", "says the rest is for", "bytes left after it")
    .AddRow("Ethernet II", 14, $"EtherType 0x{ethernet.EtherType:x4} = IPv4", frame.Bytes.Length - 14)
    .AddRow("IPv4", ip.HeaderLength, ip.ProtocolName, ip.TotalLength - ip.HeaderLength)
    .AddRow("TCP", tcp.HeaderLength, $"port {tcp.DestinationPort} (HTTP)", frame.Bytes.Length - start));

// What is left is exactly the message the application sent:

// ---- cell 13 ----
var received = Frame.Parse(frame.Bytes);
display(new HtmlTable("checksums valid", "payload handed to the application")
    .AddRow(received.ChecksumsValid, Encoding.UTF8.GetString(received.Payload)));

// On each link the Ethernet FCS catches a flipped bit and the frame is dropped. TCP's checksum is for damage
// no link CRC can see: a bit flipped inside a router's memory, after one link's CRC was checked and before the
// next link's was computed. Flip one payload bit like that and the receiver's TCP checksum no longer matches,
// so TCP drops the segment:

// ---- cell 15 ----
var damaged = (byte[])frame.Bytes.Clone();
damaged[^5] ^= 0x01;
display(new HtmlTable("frame", "checksums valid")
    .AddRow("as sent", Frame.Parse(frame.Bytes).ChecksumsValid)
    .AddRow("one payload bit flipped", Frame.Parse(damaged).ChecksumsValid));

// ## Reading a header someone else wrote
//
// Textbooks and captures show headers as rows of hex. Here is a classic one, 20 bytes of an IPv4 header
// as it appears in many networking courses. Decode it and check its checksum:

// ---- cell 17 ----
display(Ipv4Header.ParseHex("4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7"));

// Protocol 17 means the payload is a UDP datagram; total length 0x0073 = 115 bytes for header and payload
// together; the checksum 0xb861 verifies, so the 20 bytes arrived as they were sent.
//
// ## Check your understanding
//
// 1. Which header would a router change on the way, and which field?
// 2. The IPv4 checksum covers only the IP header. What protects the TCP data?
// 3. How many bytes of headers does this 33-byte message carry on Ethernet? What fraction of the frame is overhead?
//
// ## Exercise 03.1 — The Internet checksum (3 points)
//
// Write `Checksum(data)`: add the data as 16-bit big-endian words (pad an odd last byte with a zero),
// fold any carry above 16 bits back into the low 16 bits (until none is left: one fold can make a new carry), and return the ones' complement (RFC 1071).
// Do not use the course's `InternetChecksum`.

// ---- cell 19 (solution 03.1) ----
ushort Checksum(byte[] data)
{
    // BEGIN SOLUTION: Sum (data[i] << 8 | data[i+1]) into a uint, add (sum & 0xFFFF) + (sum >> 16) until no carry is left, return (ushort)~sum.
    uint sum = 0;
    for (var i = 0; i < data.Length; i += 2)
        sum += (uint)(data[i] << 8 | (i + 1 < data.Length ? data[i + 1] : 0));
    while (sum >> 16 != 0)
        sum = (sum & 0xFFFF) + (sum >> 16);
    return (ushort)~sum;
    // END SOLUTION
}

// ---- cell 20 (check 03.1) ----
display(global::NetCourse.Grader.Check(new global::NetCourse.Exercise("03.1", "Internet checksum", 3), Checksum,
    (Convert.FromHexString("450000730000400040110000c0a80001c0a800c7"), (ushort)0xb861),
    (new byte[] { 0x00, 0x01, 0xf2 }, (ushort)0x0dfe),
    (new byte[] { 0xff, 0xff, 0xff, 0xff, 0x00, 0x01 }, (ushort)0xfffe))); // sum 0x1FFFF: two folds

// ## Exercise 03.2 — Decode an IPv4 header (3 points)
//
// Write `DecodeIpv4(header)`: from the first 20 bytes of an IPv4 header return its total length (bytes 2-3,
// big-endian), time to live (byte 8), protocol number (byte 9), and the source (bytes 12-15) and destination
// (bytes 16-19) addresses in dotted decimal, e.g. `"192.168.0.1"`. Throw an `ArgumentException` naming the
// length when fewer than 20 bytes are given. Do not use `Ipv4Header`, `IPAddress` or `BinaryPrimitives`.

// ---- cell 22 (solution 03.2) ----
(int TotalLength, int Ttl, int Protocol, string Source, string Destination) DecodeIpv4(byte[] header)
{
    // BEGIN SOLUTION: Total length is header[2] << 8 | header[3]; an address is string.Join(".", header[i..(i+4)]).
    if (header.Length < 20) throw new ArgumentException($"{header.Length} bytes is too short for an IPv4 header (20).");
    return (header[2] << 8 | header[3], header[8], header[9], string.Join(".", header[12..16]), string.Join(".", header[16..20]));
    // END SOLUTION
}

// ---- cell 23 (check 03.2) ----
display(global::NetCourse.Grader.Check(new global::NetCourse.Exercise("03.2", "Decode an IPv4 header", 3), DecodeIpv4,
    (Convert.FromHexString("45000073000040004011b861c0a80001c0a800c7"), (115, 64, 17, "192.168.0.1", "192.168.0.199")),
    (frame.Bytes[14..], (73, 64, 6, "192.0.2.10", "192.0.2.20")),
    (new byte[19], global::NetCourse.Rejection.Of<ArgumentException>(naming: "19"))));

// ## Summary
//
// - Layering gives each layer one job and a narrow interface to its neighbours.
// - Sending, each layer adds a header (encapsulation); receiving, each layer reads and removes its own.
// - IPv4 checks its header; TCP checks header and data plus a pseudo-header (IP addresses, protocol, TCP
//   length); Ethernet's FCS checks every frame on every link.
// - Ethernet + IPv4 + TCP put at least 54 bytes of headers in front of every payload, plus the 4-byte FCS; with Linux's default TCP timestamps, 66.
//
// [← 02 Standards and layer models](02-standards-and-layer-models.ipynb) · [04 Protocols →](04-protocols.ipynb)
