namespace NetCourse;

/// <summary>
/// What a case expects of the learner's function: a value, or a <see cref="Rejection"/> of the input.
/// Both convert implicitly, so a case reads <c>(4, "Transport")</c> or <c>(8, Rejection.Of&lt;ArgumentOutOfRangeException&gt;("8"))</c>.
/// </summary>
/// <typeparam name="T">The function's result type.</typeparam>
public readonly struct Expected<T>
{
    private Expected(T value, Rejection? rejection)
    {
        Value = value;
        Rejection = rejection;
    }

    /// <summary>The value the function must return; meaningless when <see cref="Rejection"/> is set.</summary>
    public T Value { get; }

    /// <summary>The exception the function must throw instead of returning, or null when it must return <see cref="Value"/>.</summary>
    public Rejection? Rejection { get; }

    /// <summary>Expects <paramref name="value"/>.</summary>
    public static implicit operator Expected<T>(T value) => new(value, null);

    /// <summary>Expects <paramref name="rejection"/>.</summary>
    public static implicit operator Expected<T>(Rejection rejection) =>
        new(default!, rejection ?? throw new ArgumentNullException(nameof(rejection)));

    /// <inheritdoc/>
    public override string ToString() => Rejection?.ToString() ?? Value?.ToString() ?? "null";
}
