namespace NetCourse;

/// <summary>What a <see cref="FaultProxy"/> does to the bytes a client sends to the server. Unset means "not at all".</summary>
public sealed record FaultPlan
{
    /// <summary>Waits this long before forwarding each piece.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Forwards in pieces of at most this many bytes, each sent separately (so one send arrives as several receives).</summary>
    public int? SplitInto { get; init; }

    /// <summary>Collects everything that arrives within this window and forwards it as one write (so several sends arrive as one).</summary>
    public TimeSpan? MergeWindow { get; init; }

    /// <summary>After forwarding this many bytes of a connection, resets it on both sides (RST), mid-message. Counted per connection.</summary>
    public long? ResetAfter { get; init; }

    /// <summary>After forwarding this many bytes of a connection, closes its sending direction to the server (half-close) and forwards no more. Counted per connection.</summary>
    public long? HalfCloseAfter { get; init; }

    /// <summary>
    /// After forwarding this many bytes, goes silent: forwards nothing more either way and keeps both connections open,
    /// so each end's kernel still answers TCP (keepalive probes included) while no reply ever comes.
    /// </summary>
    public long? SilentAfter { get; init; }

    /// <summary>Applies the faults to the first this many connections only; later connections pass unchanged (a fault that clears up).</summary>
    public int? OnlyFirst { get; init; }

    /// <summary>Reads the server's replies at most this many bytes per second: a slow reader, so the server's sends back up.</summary>
    public int? ReadBytesPerSecond { get; init; }

    /// <summary>A plan that changes nothing.</summary>
    public static FaultPlan None { get; } = new();

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size, count or rate is not positive, or a time is negative.</exception>
    public FaultPlan Validated()
    {
        if (Delay < TimeSpan.Zero || MergeWindow < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Delay), $"Delay {Delay} and merge window {MergeWindow} must not be negative.");
        }

        if (SplitInto <= 0 || ResetAfter < 0 || HalfCloseAfter < 0 || SilentAfter < 0 || ReadBytesPerSecond <= 0 || OnlyFirst <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(SplitInto),
                $"Split size {SplitInto}, reset point {ResetAfter}, half-close point {HalfCloseAfter}, silent point {SilentAfter}, read rate {ReadBytesPerSecond} and connection count {OnlyFirst} must be positive.");
        }

        return this;
    }
}
