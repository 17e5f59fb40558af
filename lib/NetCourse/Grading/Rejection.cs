namespace NetCourse;

/// <summary>
/// The expected outcome of a case whose input is invalid: the learner's code must throw an exception of a given type
/// (or one derived from it) whose message contains a given text, such as the bad value.
/// </summary>
public sealed record Rejection
{
    private Rejection(string exceptionType, string naming)
    {
        ExceptionType = exceptionType;
        Naming = naming;
    }

    /// <summary>The simple name of the exception type required, e.g. <c>ArgumentException</c>.</summary>
    public string ExceptionType { get; }

    /// <summary>The text the exception's message must contain.</summary>
    public string Naming { get; }

    /// <summary>A rejection by <typeparamref name="TException"/> or a type derived from it, with <paramref name="naming"/> in its message.</summary>
    public static Rejection Of<TException>(string naming)
        where TException : Exception => Of(typeof(TException).Name, naming);

    /// <summary>A rejection by the exception type named <paramref name="exceptionType"/> (a simple name) or a type derived from it.</summary>
    /// <exception cref="ArgumentException">A name or the text is empty.</exception>
    public static Rejection Of(string exceptionType, string naming)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(exceptionType);
        ArgumentException.ThrowIfNullOrEmpty(naming);
        return new Rejection(exceptionType, naming);
    }

    /// <summary>The JSON form used by hidden case files: <c>{"exception": "ArgumentException", "naming": "8"}</c>.</summary>
    internal System.Text.Json.Nodes.JsonObject ToJson() => new() { ["exception"] = ExceptionType, ["naming"] = Naming };

    /// <inheritdoc/>
    public override string ToString() => $"{ExceptionType} naming \"{Naming}\"";
}
