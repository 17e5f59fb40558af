using System.Text;

namespace NetCourse;

/// <summary>Writes lines to a byte stream: the text as UTF-8, then the line ending.</summary>
public sealed class LineWriter : IMessageWriter<string>
{
    private readonly Stream _stream;
    private readonly byte[] _newline;

    /// <summary>Writes to <paramref name="stream"/>, ending each line with <paramref name="newline"/> ("\n", or "\r\n" for SMTP and HTTP).</summary>
    /// <exception cref="ArgumentException">The line ending is not "\n" or "\r\n".</exception>
    public LineWriter(Stream stream, string newline = "\n")
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(newline);
        if (newline is not ("\n" or "\r\n"))
        {
            throw new ArgumentException($"Line ending '{newline.ReplaceLineEndings("\\n")}' must be \"\\n\" or \"\\r\\n\".", nameof(newline));
        }

        _stream = stream;
        _newline = Encoding.ASCII.GetBytes(newline);
    }

    /// <summary>Writes the text and the line ending in one write (a line break inside the text is sent as it is).</summary>
    public Task WriteAsync(string message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _stream.WriteAsync((byte[])[.. Encoding.UTF8.GetBytes(message), .. _newline], cancellationToken).AsTask();
    }
}
