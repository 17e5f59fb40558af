namespace NetCourse;

/// <summary>
/// What a <see cref="UdpFaultProxy"/> does to each datagram, in both directions. Every decision comes from a
/// <see cref="Random"/> seeded with <see cref="Seed"/> (one per direction), so the same datagrams meet the same fates
/// in every run.
/// </summary>
public sealed record UdpFaultPlan
{
    /// <summary>The chance (0-1) that a datagram is dropped.</summary>
    public double Loss { get; init; }

    /// <summary>The chance (0-1) that a forwarded datagram is sent twice.</summary>
    public double Duplicate { get; init; }

    /// <summary>The chance (0-1) that a forwarded datagram is held back and sent after the next one in its direction.</summary>
    public double Reorder { get; init; }

    /// <summary>How long every datagram waits before it is forwarded (one way).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Seeds the decisions.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>A plan that changes nothing.</summary>
    public static UdpFaultPlan None { get; } = new();

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A chance is outside 0-1, or the delay is negative or over 10 s.</exception>
    public UdpFaultPlan Validated()
    {
        foreach (var (name, chance) in new[] { (nameof(Loss), Loss), (nameof(Duplicate), Duplicate), (nameof(Reorder), Reorder) })
        {
            if (chance is < 0 or > 1 || double.IsNaN(chance))
            {
                throw new ArgumentOutOfRangeException(name, chance, $"{name} {chance} must be a chance from 0 to 1.");
            }
        }

        if (Delay < TimeSpan.Zero || Delay > TimeSpan.FromSeconds(10))
        {
            throw new ArgumentOutOfRangeException(nameof(Delay), Delay, $"Delay {Delay} must be from 0 to 10 s.");
        }

        return this;
    }
}
