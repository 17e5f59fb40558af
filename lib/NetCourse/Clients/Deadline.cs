namespace NetCourse;

/// <summary>Runs one blocking network operation with a deadline and turns its expiry into a <see cref="TimeoutException"/> that says what timed out.</summary>
public static class Deadline
{
    /// <summary>The deadline used when a caller gives none.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(5);

    /// <summary>Runs <paramref name="operation"/>; if <paramref name="timeout"/> passes first, throws a TimeoutException naming <paramref name="what"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is not positive.</exception>
    /// <exception cref="TimeoutException">The deadline passed.</exception>
    public static async Task<T> RunAsync<T>(string what, TimeSpan? timeout, Func<CancellationToken, ValueTask<T>> operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var limit = timeout ?? Default;
        if (limit <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), limit, $"Timeout {limit} must be positive.");
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            return await operation(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{what} did not finish within {limit.TotalSeconds:0.###} s.");
        }
    }
}
