using System.Globalization;

namespace NetCourse;

/// <summary>
/// What one <see cref="StopAndWait"/> transfer did: messages acknowledged, datagrams sent, datagrams ignored while waiting
/// (<paramref name="StaleAcks"/>: late copies of earlier acknowledgements), whether it gave up, and the time taken.
/// </summary>
public sealed record StopAndWaitResult(int Messages, int Acknowledged, int Transmissions, int StaleAcks, bool GaveUp, TimeSpan Elapsed, IReadOnlyList<int> TriesPerMessage) : ITabular
{
    /// <summary>Transmissions beyond the first of each message.</summary>
    public int Retransmissions => Transmissions - TriesPerMessage.Count;

    /// <inheritdoc/>
    public HtmlTable ToTable() =>
        new HtmlTable("messages", "acknowledged", "datagrams sent", "retransmissions", "stale acks ignored", "most tries for one message", "gave up", "time")
            .AddRow(Messages, Acknowledged, Transmissions, Retransmissions, StaleAcks, TriesPerMessage.DefaultIfEmpty(0).Max(), GaveUp ? "yes" : "no",
                $"{Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms");
}
