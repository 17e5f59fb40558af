
namespace NetCourse;

/// <summary>The outcome of pinging an address a few times.</summary>
/// <param name="Address">The address pinged.</param>
/// <param name="Replies">The round-trip time of each echo request, null where it got no reply.</param>
/// <param name="Note">Why there were no replies, when the reason is known (e.g. ICMP not permitted).</param>
public sealed record PingResult(string Address, IReadOnlyList<TimeSpan?> Replies, string? Note) : ITabular
{
    /// <summary>How many echo requests were answered.</summary>
    public int Received => Replies.Count(r => r is not null);

    /// <inheritdoc/>
    public HtmlTable ToTable()
    {
        var table = new HtmlTable("request", "reply")
        {
            Caption = $"ping {Address}: {Received} of {Replies.Count} answered{(Note is null ? "" : $" ({Note})")}",
        };
        for (var i = 0; i < Replies.Count; i++)
        {
            table.AddRow(i + 1, Replies[i] is { } rtt ? $"{rtt.TotalMilliseconds:0.###} ms" : "no reply");
        }

        return table;
    }
}
