
namespace NetCourse;

/// <summary>The OSI reference model (ISO/IEC 7498-1) and the Internet's TCP/IP models, as data and tables.</summary>
public static class LayerModels
{
    private static readonly LayerModel OsiModel = new("OSI reference", "ISO/IEC 7498-1",
    [
        new(7, "Application", "the services programs use: web pages, mail, names", "HTTP, SMTP, DNS", [7]),
        new(6, "Presentation", "how data is represented: encodings, compression, encryption", "TLS, UTF-8, JPEG", [6]),
        new(5, "Session", "opening, keeping and closing a dialogue between programs", "RPC sessions, NetBIOS", [5]),
        new(4, "Transport", "end-to-end delivery between programs: ports, reliability, flow control", "TCP, UDP", [4]),
        new(3, "Network", "addressing hosts and routing packets across networks", "IP, ICMP; a router", [3]),
        new(2, "Data link", "frames between neighbours on one link, with MAC addresses", "Ethernet (IEEE 802.3), Wi-Fi (802.11); a switch", [2]),
        new(1, "Physical", "bits as signals on a medium", "copper, fibre, radio; a hub, a repeater", [1]),
    ]);

    private static readonly LayerModel TcpIpModel = new("TCP/IP", "RFC 1122",
    [
        new(4, "Application", "everything a program adds: formats, sessions, the protocol itself", "HTTP, SMTP, DNS, TLS", [7, 6, 5]),
        new(3, "Transport", "end-to-end delivery between programs", "TCP, UDP", [4]),
        new(2, "Internet", "addressing and routing packets between networks", "IPv4, IPv6, ICMP; a router", [3]),
        new(1, "Link", "frames and signals on one link", "Ethernet, Wi-Fi, ARP; a switch", [2, 1]),
    ]);

    private static readonly LayerModel FiveLayerModel = new("five-layer", "textbooks",
    [
        new(5, "Application", "everything a program adds", "HTTP, SMTP, DNS, TLS", [7, 6, 5]),
        new(4, "Transport", "end-to-end delivery between programs", "TCP, UDP", [4]),
        new(3, "Network", "addressing and routing packets between networks", "IPv4, IPv6; a router", [3]),
        new(2, "Data link", "frames between neighbours on one link", "Ethernet, Wi-Fi; a switch", [2]),
        new(1, "Physical", "bits as signals on a medium", "copper, fibre, radio", [1]),
    ]);

    private static readonly string[] Units = ["bits", "frame", "packet", "segment (TCP) / datagram (UDP)", "message", "message", "message"];

    /// <summary>The seven OSI layers: number, name, job and a real protocol or device.</summary>
    public static LayerModel Osi() => OsiModel;

    /// <summary>The four-layer TCP/IP model of the IETF's host requirements (RFC 1122).</summary>
    public static LayerModel TcpIp() => TcpIpModel;

    /// <summary>The five-layer model many textbooks teach: TCP/IP with the link layer split into data link and physical.</summary>
    public static LayerModel FiveLayer() => FiveLayerModel;

    /// <summary>How the OSI, five-layer and four-layer (TCP/IP, RFC 1122) models line up, one row per OSI layer.</summary>
    public static HtmlTable SideBySide()
    {
        var table = new HtmlTable("OSI (7, ISO/IEC 7498-1)", "five-layer (teaching)", "TCP/IP (4, RFC 1122)", "unit of data")
        {
            Caption = "Three models of the same stack",
        };
        for (var osi = 7; osi >= 1; osi--)
        {
            table.AddRow(OsiModel.Covering(osi).ToString(), FiveLayerModel.Covering(osi).ToString(), TcpIpModel.Covering(osi).ToString(), Units[osi - 1]);
        }

        return table;
    }

    /// <summary>Well-known protocols by the TCP/IP layer they belong to, with the standard that defines each.</summary>
    public static HtmlTable ProtocolsByLayer() =>
        new HtmlTable("layer", "protocol", "what it does", "defined in")
        {
            Caption = "Protocols by layer",
        }
        .AddRow("Application", "HTTP", "fetch and send web resources", "RFC 9110 / 9112")
        .AddRow("Application", "DNS", "turn names into addresses", "RFC 1034 / 1035")
        .AddRow("Application", "SMTP", "hand mail from server to server", "RFC 5321")
        .AddRow("Application", "TFTP", "copy files with almost no features (over UDP)", "RFC 1350")
        .AddRow("Transport", "TCP", "reliable, ordered byte stream between two programs", "RFC 9293")
        .AddRow("Transport", "UDP", "single datagrams, no guarantees", "RFC 768")
        .AddRow("Internet", "IPv4 / IPv6", "address and route packets between networks", "RFC 791 / 8200")
        .AddRow("Link", "Ethernet", "frames on a wired LAN", "IEEE 802.3")
        .AddRow("Link", "Wi-Fi", "frames over radio", "IEEE 802.11");
}
