using System.Net;
using NetCourse.Tcp;

namespace NetCourse.Capture;

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
    /// <summary>
    /// The flags as short names joined by '-', in bit order from FIN (0x01) to CWR (0x80), e.g. "SYN-ACK",
    /// "FIN-ACK", "PSH-ACK"; "none" when no bit is set.
    /// </summary>
    public string FlagNames => Flags == TcpControlBits.None
        ? "none"
        : string.Join('-', Enum.GetValues<TcpControlBits>()
            .Where(f => f != TcpControlBits.None && Flags.HasFlag(f)).Select(f => f.ToString().ToUpperInvariant()));
}
