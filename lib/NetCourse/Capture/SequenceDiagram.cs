using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace NetCourse;

/// <summary>
/// The segments of one connection drawn as a sequence diagram (client on the left, server on the right), with flags,
/// sequence and acknowledgement numbers relative to each side's initial sequence number, and the time of each segment.
/// </summary>
public sealed class SequenceDiagram : IHtmlContent
{
    private readonly IReadOnlyList<TcpSegment> _segments;
    private readonly IPEndPoint _client;
    private readonly uint _clientIsn;
    private readonly uint _serverIsn;

    /// <summary>
    /// Draws <paramref name="segments"/>; the client is the sender of the first SYN. Given a <see cref="PcapCapture"/>,
    /// the note also says which packets the capture skipped and why.
    /// </summary>
    /// <exception cref="ArgumentException">There is no SYN without ACK, so no connection opening to draw.</exception>
    public SequenceDiagram(IReadOnlyList<TcpSegment> segments)
        : this(segments, null)
    {
    }

    internal SequenceDiagram(IReadOnlyList<TcpSegment> segments, string? note)
    {
        _segments = segments ?? throw new ArgumentNullException(nameof(segments));
        Note = (segments as PcapCapture)?.SkippedNote is { } skipped ? (note is null ? skipped : $"{note}; {skipped}") : note;
        var syn = segments.FirstOrDefault(s => s.Flags == TcpControlBits.Syn)
            ?? throw new ArgumentException("The capture holds no SYN: no connection opening to draw.", nameof(segments));
        _client = syn.Source;
        _clientIsn = syn.Sequence;
        _serverIsn = segments.FirstOrDefault(s => s.Flags == (TcpControlBits.Syn | TcpControlBits.Ack))?.Sequence ?? 0;
    }

    /// <summary>
    /// A line shown above the drawing and in the table's caption (that the capture was recorded, not live; which packets
    /// it skipped); null for none.
    /// </summary>
    public string? Note { get; }

    /// <summary>The segments in capture order.</summary>
    public IReadOnlyList<TcpSegment> Segments => _segments;

    /// <summary>How many segments carry exactly the given flags.</summary>
    public int Count(TcpControlBits flags) => _segments.Count(s => s.Flags == flags);

    /// <summary>The sequence number relative to the sender's initial one (the SYN is 0).</summary>
    public long RelativeSequence(TcpSegment segment) =>
        (segment ?? throw new ArgumentNullException(nameof(segment))).Sequence - (FromClient(segment) ? _clientIsn : _serverIsn);

    /// <summary>The acknowledgement number relative to the receiver's initial sequence number.</summary>
    public long RelativeAcknowledgement(TcpSegment segment) =>
        (segment ?? throw new ArgumentNullException(nameof(segment))).Acknowledgement - (FromClient(segment) ? _serverIsn : _clientIsn);

    /// <inheritdoc/>
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        const int Left = 170, Right = 590, Step = 40;
        var noteHeight = Note is null ? 0 : 24;
        var top = 50 + noteHeight;
        var height = top + (_segments.Count * Step) + 30;
        var svg = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"13\">")
            .Append("<defs><marker id=\"arrow\" markerWidth=\"10\" markerHeight=\"8\" refX=\"9\" refY=\"4\" orient=\"auto\"><path d=\"M0,0 L10,4 L0,8 z\" fill=\"#333\"/></marker></defs>");
        if (Note is not null)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"16\" font-size=\"12\" font-style=\"italic\" fill=\"#a33\">{Encode(Note)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{20 + noteHeight}\" text-anchor=\"middle\" font-weight=\"bold\">client {_client}</text>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{Right}\" y=\"{20 + noteHeight}\" text-anchor=\"middle\" font-weight=\"bold\">server {Server}</text>")
            .Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{30 + noteHeight}\" x2=\"{Left}\" y2=\"{height - 10}\" stroke=\"#999\"/>")
            .Append(CultureInfo.InvariantCulture, $"<line x1=\"{Right}\" y1=\"{30 + noteHeight}\" x2=\"{Right}\" y2=\"{height - 10}\" stroke=\"#999\"/>");
        for (var i = 0; i < _segments.Count; i++)
        {
            var s = _segments[i];
            var y = top + (i * Step);
            var (from, to) = FromClient(s) ? (Left, Right) : (Right, Left);
            var colour = s.Flags.HasFlag(TcpControlBits.Syn) ? "#1f77b4" : s.Flags.HasFlag(TcpControlBits.Fin) ? "#d62728" : s.Flags.HasFlag(TcpControlBits.Rst) ? "#9467bd" : "#2ca02c";
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{from}\" y1=\"{y}\" x2=\"{to}\" y2=\"{y + 18}\" stroke=\"{colour}\" stroke-width=\"2\" marker-end=\"url(#arrow)\"/>")
               .Append(CultureInfo.InvariantCulture, $"<text x=\"{(Left + Right) / 2}\" y=\"{y + 4}\" text-anchor=\"middle\" fill=\"{colour}\">{Encode(Label(s))}</text>")
               .Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"{y + 14}\" fill=\"#666\">{s.Time.TotalMilliseconds:0.000} ms</text>");
        }

        writer.Write(svg.Append("</svg>").ToString());

        string Encode(string text) => encoder?.Encode(text) ?? WebUtility.HtmlEncode(text);
    }

    /// <summary>The segments as a table (the diagram itself displays as a drawing).</summary>
    public HtmlTable ToTable()
    {
        var table = new HtmlTable("time (ms)", "direction", "flags", "seq", "ack", "data bytes")
        {
            Caption = "Captured segments (numbers relative to each side's first sequence number)" + (Note is null ? "" : $"; {Note}"),
        };
        foreach (var s in _segments)
        {
            table.AddRow(s.Time.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture), FromClient(s) ? "client → server" : "server → client",
                s.FlagNames, RelativeSequence(s), s.Flags.HasFlag(TcpControlBits.Ack) ? RelativeAcknowledgement(s) : "-", s.PayloadLength);
        }

        return table;
    }

    private IPEndPoint Server => _segments.First(s => s.Flags == TcpControlBits.Syn).Destination;

    private bool FromClient(TcpSegment segment) => segment.Source.Equals(_client);

    private string Label(TcpSegment s) =>
        $"{s.FlagNames} seq={RelativeSequence(s)}{(s.Flags.HasFlag(TcpControlBits.Ack) ? $" ack={RelativeAcknowledgement(s)}" : "")}{(s.PayloadLength > 0 ? $" len={s.PayloadLength}" : "")}";
}
