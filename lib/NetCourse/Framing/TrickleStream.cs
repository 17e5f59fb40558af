namespace NetCourse;

/// <summary>
/// A read-only stream over fixed bytes that hands out at most <see cref="ChunkSize"/> bytes per read — the way TCP may
/// deliver a message in pieces. For testing code that must loop over partial reads.
/// </summary>
public sealed class TrickleStream : Stream
{
    private readonly byte[] _data;
    private int _position;

    /// <summary>Serves <paramref name="data"/> at most <paramref name="chunkSize"/> bytes per read.</summary>
    public TrickleStream(byte[] data, int chunkSize = 1)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSize);
        _data = data;
        ChunkSize = chunkSize;
    }

    /// <summary>The most bytes one read returns.</summary>
    public int ChunkSize { get; }

    /// <summary>How many reads were made.</summary>
    public int Reads { get; private set; }

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override int Read(Span<byte> buffer)
    {
        Reads++;
        var n = Math.Min(Math.Min(ChunkSize, buffer.Length), _data.Length - _position);
        _data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    /// <inheritdoc/>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
