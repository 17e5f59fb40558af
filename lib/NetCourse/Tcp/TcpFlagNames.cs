namespace NetCourse;

/// <summary>How the course writes TCP control bits: short upper-case names joined by '-', e.g. "SYN-ACK".</summary>
internal static class TcpFlagNames
{
    /// <summary>The set bits in bit order from FIN (0x01) to CWR (0x80), e.g. "SYN-ACK", "PSH-ACK"; "none" when no bit is set.</summary>
    public static string Of(TcpControlBits flags) => flags == TcpControlBits.None
        ? "none"
        : string.Join('-', Enum.GetValues<TcpControlBits>()
            .Where(f => f != TcpControlBits.None && flags.HasFlag(f)).Select(f => f.ToString().ToUpperInvariant()));
}
