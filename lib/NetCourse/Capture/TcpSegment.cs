using System.Net;

namespace NetCourse;

/// <summary>One TCP segment read from a capture.</summary>
/// <param name="Time">When it was captured, from the start of the capture.</param>
/// <param name="Source">Sender address and port.</param>
/// <param name="Destination">Receiver address and port.</param>
/// <param name="Sequence">The sequence number (absolute).</param>
/// <param name="Acknowledgement">The acknowledgement number (absolute; meaningful when ACK is set).</param>
/// <param name="Flags">The control bits.</param>
/// <param name="Window">The advertised receive window.</param>
/// <param name="PayloadLength">Bytes of data carried.</param>
public sealed record TcpSegment(
    TimeSpan Time, IPEndPoint Source, IPEndPoint Destination, uint Sequence, uint Acknowledgement, TcpControlBits Flags, int Window, int PayloadLength)
{
    /// <summary>The flags as the course writes them, e.g. "SYN-ACK" (see <see cref="TcpFlagNames"/>).</summary>
    public string FlagNames => TcpFlagNames.Of(Flags);
}
