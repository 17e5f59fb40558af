using System.Buffers;
using System.Text;

namespace NetCourse;

/// <summary>
/// Reads newline-terminated lines from a byte stream. TCP keeps no message boundaries: one receive may hold half a
/// line or several lines, so bytes are buffered until a '\n' arrives.
/// </summary>
public sealed class LineReader : IMessageReader<string>
{
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[4096];
    private readonly ArrayBufferWriter<byte> _pending = new();
    private int _start;
    private int _end;

    /// <summary>Reads from <paramref name="stream"/>; lines longer than <paramref name="maxLineLength"/> bytes are rejected.</summary>
    public LineReader(Stream stream, int maxLineLength = 64 * 1024)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLineLength);
        _stream = stream;
        MaxLineLength = maxLineLength;
    }

    /// <summary>The longest line accepted, in bytes.</summary>
    public int MaxLineLength { get; }

    /// <summary>How many reads from the stream were needed so far (shows how bytes were split on the way).</summary>
    public int Reads { get; private set; }

    /// <summary>The next line without its "\n" (and without a trailing "\r"), or null when the stream ended cleanly.</summary>
    /// <exception cref="InvalidDataException">A line is longer than <see cref="MaxLineLength"/>, or the stream ended in the middle of a line.</exception>
    public async Task<string?> ReadAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                _pending.Write(_buffer.AsSpan(_start, newline - _start));
                _start = newline + 1;
                return TakeLine();
            }

            _pending.Write(_buffer.AsSpan(_start, _end - _start));
            _start = _end = 0;
            if (_pending.WrittenCount > MaxLineLength)
            {
                throw new InvalidDataException($"A line is longer than {MaxLineLength} bytes before its '\\n'.");
            }

            var n = await _stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
            Reads++;
            if (n == 0)
            {
                return _pending.WrittenCount == 0
                    ? null
                    : throw new InvalidDataException($"The stream ended in the middle of a line ({_pending.WrittenCount} bytes without '\\n').");
            }

            _end = n;
        }
    }

    private string TakeLine()
    {
        if (_pending.WrittenCount > MaxLineLength)
        {
            throw new InvalidDataException($"A line is longer than {MaxLineLength} bytes before its '\\n'.");
        }

        var bytes = _pending.WrittenSpan;
        if (bytes.Length > 0 && bytes[^1] == '\r')
        {
            bytes = bytes[..^1];
        }

        var line = Encoding.UTF8.GetString(bytes);
        _pending.ResetWrittenCount();
        return line;
    }
}
