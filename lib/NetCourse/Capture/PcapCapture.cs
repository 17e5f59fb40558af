using System.Collections;
using System.Globalization;

namespace NetCourse;

/// <summary>
/// The TCP segments read from a capture, in capture order, and the packets that were skipped, counted by reason
/// (a VLAN tag, an IPv6 extension header, a snap length that cut the headers, a later IPv4 fragment, not TCP...).
/// </summary>
public sealed class PcapCapture : IReadOnlyList<TcpSegment>, ITabular
{
    private readonly IReadOnlyList<TcpSegment> _segments;

    internal PcapCapture(IReadOnlyList<TcpSegment> segments, IReadOnlyDictionary<string, int> skipped)
    {
        _segments = segments;
        Skipped = skipped;
    }

    internal static PcapCapture Empty { get; } = new([], new Dictionary<string, int>());

    /// <summary>How many packets were not read as TCP segments, by reason.</summary>
    public IReadOnlyDictionary<string, int> Skipped { get; }

    /// <summary>How many packets were skipped in all.</summary>
    public int SkippedCount => Skipped.Values.Sum();

    /// <summary>One sentence on what was skipped and why, or null when nothing was.</summary>
    public string? SkippedNote => SkippedCount == 0
        ? null
        : string.Create(CultureInfo.InvariantCulture,
            $"{SkippedCount} {(SkippedCount == 1 ? "packet" : "packets")} skipped: {string.Join(", ", Skipped.Select(s => $"{s.Key} ({s.Value})"))}.");

    /// <inheritdoc/>
    public int Count => _segments.Count;

    /// <inheritdoc/>
    public TcpSegment this[int index] => _segments[index];

    /// <inheritdoc/>
    public IEnumerator<TcpSegment> GetEnumerator() => _segments.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public HtmlTable ToTable()
    {
        var table = new HtmlTable("time (ms)", "from", "to", "flags", "seq", "ack", "window", "data bytes")
        {
            Caption = $"{Count} TCP {(Count == 1 ? "segment" : "segments")}" + (SkippedNote is { } note ? "; " + note : ""),
        };
        foreach (var s in _segments)
        {
            table.AddRow(s.Time.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture), s.Source, s.Destination, s.FlagNames, s.Sequence, s.Acknowledgement, s.Window, s.PayloadLength);
        }

        return table;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Count} TCP segments" + (SkippedNote is { } note ? "; " + note : "");
}
