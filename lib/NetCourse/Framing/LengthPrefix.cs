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

    /// <summary>Writes one frame.</summary>
    public static ValueTask WriteFrameAsync(Stream stream, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return stream.WriteAsync(Encode(payload.Span), cancellationToken);
    }

    /// <summary>Reads one frame, looping over partial reads. Returns null when the stream ends cleanly between frames.</summary>
    /// <exception cref="InvalidDataException">The length is negative or above <paramref name="maxFrame"/>, or the stream ended inside a frame.</exception>
    public static async Task<byte[]?> ReadFrameAsync(Stream stream, int maxFrame = DefaultMaxFrame, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = new byte[4];
        var got = await stream.ReadAtLeastAsync(header, 4, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (got == 0)
        {
            return null;
        }

        if (got < 4)
        {
            throw new InvalidDataException($"The stream ended inside a frame header ({got} of 4 bytes).");
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(header);
        if (length < 0 || length > maxFrame)
        {
            throw new InvalidDataException($"Frame length {length} is outside 0-{maxFrame}.");
        }

        var payload = new byte[length];
        got = await stream.ReadAtLeastAsync(payload, length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return got == length ? payload : throw new InvalidDataException($"The stream ended inside a frame ({got} of {length} bytes).");
    }
}
