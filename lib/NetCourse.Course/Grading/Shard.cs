using System.Globalization;

namespace NetCourse.Course.Grading;

/// <summary>
/// Part <see cref="Index"/> of <see cref="Count"/> of a class, for grading on many machines: learners sorted by name,
/// the k-th (from 0) belongs to shard <c>k mod Count + 1</c>. Every shard sees the same submissions folder, so each
/// learner lands in exactly one shard and the shards differ in size by at most one learner.
/// </summary>
/// <param name="Index">Which part, from 1.</param>
/// <param name="Count">How many parts.</param>
public sealed record Shard(int Index, int Count)
{
    /// <summary>Parses <c>K/N</c> with 1 ≤ K ≤ N ≤ 10000.</summary>
    /// <exception cref="ArgumentException">The text is not of that form.</exception>
    public static Shard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count is >= 1 and <= 10_000 && index >= 1 && index <= count
            ? new Shard(index, count)
            : throw new ArgumentException($"Shard '{text}' is not K/N with 1 <= K <= N <= 10000 (e.g. 3/10).", nameof(text));
    }

    /// <summary>The learners of <paramref name="learners"/> (the whole class) that belong to this shard.</summary>
    public IReadOnlySet<string> Of(IEnumerable<string> learners)
    {
        ArgumentNullException.ThrowIfNull(learners);
        return learners.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Where((_, k) => k % Count == Index - 1)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Index}/{Count}";
}
