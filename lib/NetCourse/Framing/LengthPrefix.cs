using System.Buffers.Binary;

namespace NetCourse;

/// <summary>Length-prefixed framing: each message is sent as a 4-byte big-endian length followed by that many bytes.</summary>
public static class LengthPrefix
{
    /// <summary>The largest frame accepted by default (1 MiB).</summary>
    public const int DefaultMaxFrame = 1024 * 1024;

    /// <summary>The bytes of one frame: length then payload.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> payload)
    {
        var frame = new byte[4 + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, payload.Length);
        payload.CopyTo(frame.AsSpan(4));
        return frame;
    }
}

/// <summary>Reads length-prefixed frames (see <see cref="LengthPrefix"/>) from a byte stream, looping over partial reads.</summary>
public sealed class LengthPrefixReader : IMessageReader<byte[]>
{
    private readonly Stream _stream;

    /// <summary>Reads from <paramref name="stream"/>; frames longer than <paramref name="maxFrame"/> bytes are rejected before they are read.</summary>
    public LengthPrefixReader(Stream stream, int maxFrame = LengthPrefix.DefaultMaxFrame)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(maxFrame);
        _stream = stream;
        MaxFrame = maxFrame;
    }

    /// <summary>The longest frame accepted, in bytes.</summary>
    public int MaxFrame { get; }

    /// <summary>The next frame's payload, or null when the stream ends cleanly between frames.</summary>
    /// <exception cref="InvalidDataException">The length is negative or above <see cref="MaxFrame"/>, or the stream ended inside a frame.</exception>
    public async Task<byte[]?> ReadAsync(CancellationToken cancellationToken = default)
    {
        var header = new byte[4];
        var got = await _stream.ReadAtLeastAsync(header, 4, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (got == 0)
        {
            return null;
        }

        if (got < 4)
        {
            throw new InvalidDataException($"The stream ended inside a frame header ({got} of 4 bytes).");
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(header);
        if (length < 0 || length > MaxFrame)
        {
            throw new InvalidDataException($"Frame length {length} is outside 0-{MaxFrame}.");
        }

        var payload = new byte[length];
        got = await _stream.ReadAtLeastAsync(payload, length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return got == length ? payload : throw new InvalidDataException($"The stream ended inside a frame ({got} of {length} bytes).");
    }
}

/// <summary>Writes length-prefixed frames (see <see cref="LengthPrefix"/>) to a byte stream.</summary>
public sealed class LengthPrefixWriter : IMessageWriter<byte[]>
{
    private readonly Stream _stream;

    /// <summary>Writes to <paramref name="stream"/>.</summary>
    public LengthPrefixWriter(Stream stream) => _stream = stream ?? throw new ArgumentNullException(nameof(stream));

    /// <summary>Writes the 4-byte length, then the payload, in one write.</summary>
    public Task WriteAsync(byte[] message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _stream.WriteAsync(LengthPrefix.Encode(message), cancellationToken).AsTask();
    }
}
