namespace NetCourse;

/// <summary>How a <see cref="StopAndWait"/> sender retransmits: the first timeout, the backoff factor, its cap and the tries per message.</summary>
public sealed record StopAndWaitOptions
{
    /// <summary>How long the first try of each message waits for its acknowledgement.</summary>
    public TimeSpan InitialTimeout { get; init; } = TimeSpan.FromMilliseconds(40);

    /// <summary>Each retransmission waits this many times longer than the try before (1 = no backoff).</summary>
    public double Backoff { get; init; } = 2;

    /// <summary>No try waits longer than this.</summary>
    public TimeSpan MaxTimeout { get; init; } = TimeSpan.FromMilliseconds(320);

    /// <summary>Tries per message before the sender gives up on the transfer.</summary>
    public int MaxTries { get; init; } = 8;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A timeout is not positive or over 10 s, the backoff is below 1, or the tries are not 1-100.</exception>
    public StopAndWaitOptions Validated()
    {
        if (InitialTimeout <= TimeSpan.Zero || MaxTimeout < InitialTimeout || MaxTimeout > TimeSpan.FromSeconds(10))
        {
            throw new ArgumentOutOfRangeException(nameof(InitialTimeout), $"Initial timeout {InitialTimeout} must be positive and at most the maximum {MaxTimeout}, itself at most 10 s.");
        }

        if (Backoff < 1 || double.IsNaN(Backoff))
        {
            throw new ArgumentOutOfRangeException(nameof(Backoff), Backoff, $"Backoff {Backoff} must be at least 1.");
        }

        if (MaxTries is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTries), MaxTries, $"Tries {MaxTries} must be from 1 to 100.");
        }

        return this;
    }

    /// <summary>The timeout of try <paramref name="attempt"/> (from 1): the initial timeout times Backoff^(attempt-1), capped.</summary>
    public TimeSpan TimeoutOf(int attempt) =>
        TimeSpan.FromTicks((long)Math.Min(MaxTimeout.Ticks, InitialTimeout.Ticks * Math.Pow(Backoff, attempt - 1)));
}
