using NetCourse.Display;

namespace NetCourse.Layers;

/// <summary>The OSI reference model (ISO/IEC 7498-1) and the Internet's TCP/IP models, as tables.</summary>
public static class LayerModels
{
    private static readonly (int Number, string Name, string Job, string Example)[] OsiLayers =
    [
        (7, "Application", "the services programs use: web pages, mail, names", "HTTP, SMTP, DNS"),
        (6, "Presentation", "how data is represented: encodings, compression, encryption", "TLS, UTF-8, JPEG"),
        (5, "Session", "opening, keeping and closing a dialogue between programs", "RPC sessions, NetBIOS"),
        (4, "Transport", "end-to-end delivery between programs: ports, reliability, flow control", "TCP, UDP"),
        (3, "Network", "addressing hosts and routing packets across networks", "IP, ICMP; a router"),
        (2, "Data link", "frames between neighbours on one link, with MAC addresses", "Ethernet (IEEE 802.3), Wi-Fi (802.11); a switch"),
        (1, "Physical", "bits as signals on a medium", "copper, fibre, radio; a hub, a repeater"),
    ];

    /// <summary>The seven OSI layers: number, name, job and a real protocol or device.</summary>
    public static HtmlTable Osi()
    {
        var table = new HtmlTable("layer", "name", "what it does", "real examples") { Caption = "The OSI reference model (ISO/IEC 7498-1)" };
        foreach (var (number, name, job, example) in OsiLayers)
        {
            table.AddRow(number, name, job, example);
        }

        return table;
    }

    /// <summary>How the OSI, five-layer and four-layer (TCP/IP, RFC 1122) models line up.</summary>
    public static HtmlTable SideBySide() =>
        new HtmlTable("OSI (7)", "five-layer (teaching)", "TCP/IP (4, RFC 1122)", "unit of data")
        {
            Caption = "Three models of the same stack",
        }
        .AddRow("7 Application", "5 Application", "4 Application", "message")
        .AddRow("6 Presentation", "5 Application", "4 Application", "message")
        .AddRow("5 Session", "5 Application", "4 Application", "message")
        .AddRow("4 Transport", "4 Transport", "3 Transport", "segment (TCP) / datagram (UDP)")
        .AddRow("3 Network", "3 Network", "2 Internet", "packet")
        .AddRow("2 Data link", "2 Data link", "1 Link", "frame")
        .AddRow("1 Physical", "1 Physical", "1 Link", "bits");

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
