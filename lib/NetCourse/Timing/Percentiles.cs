namespace NetCourse;

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

        // P·n/100, multiplying first: (P/100)·n rounds up wrongly when P/100 is inexact (7/100·100 = 7.000000000000001).
        var rank = (int)Math.Ceiling(percent * sorted.Count / 100);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
