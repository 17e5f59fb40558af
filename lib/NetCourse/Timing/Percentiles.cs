namespace NetCourse.Timing;

/// <summary>Order statistics of a sample.</summary>
public static class Percentiles
{
    /// <summary>The nearest-rank percentile: the smallest value with at least <paramref name="percent"/>% of the sample at or below it.</summary>
    /// <exception cref="ArgumentException">The sample is empty or the percent is outside 0-100.</exception>
    public static double NearestRank(IReadOnlyList<double> sorted, double percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("The sample is empty.", nameof(sorted));
        }

        if (percent is < 0 or > 100 || double.IsNaN(percent))
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, $"Percent {percent} is outside 0-100.");
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
