namespace NetCourse;

/// <summary>
/// Reads one message at a time from a byte stream that keeps no message boundaries (TCP). Every framing in the course
/// has this shape: <see cref="LineReader"/> (a delimiter) and <see cref="LengthPrefixReader"/> (a length in front).
/// </summary>
/// <typeparam name="T">What a message is: a line of text, or a frame of bytes.</typeparam>
public interface IMessageReader<T>
    where T : class
{
    /// <summary>The next whole message, however its bytes were split on the way, or null when the stream ended cleanly between messages.</summary>
    /// <exception cref="InvalidDataException">The message is longer than the reader accepts, the stream ended in the middle of it, or the framing is broken.</exception>
    Task<T?> ReadAsync(CancellationToken cancellationToken = default);
}

/// <summary>Writes one message at a time to a byte stream, with its framing: <see cref="LineWriter"/> and <see cref="LengthPrefixWriter"/>.</summary>
/// <typeparam name="T">What a message is: a line of text, or a frame of bytes.</typeparam>
public interface IMessageWriter<in T>
{
    /// <summary>Writes <paramref name="message"/> and its framing (a delimiter after it, or a length before it).</summary>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}
