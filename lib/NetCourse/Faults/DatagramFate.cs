namespace NetCourse;

/// <summary>What a <see cref="UdpFaultProxy"/> did with one datagram.</summary>
public enum DatagramFate
{
    /// <summary>Sent on once.</summary>
    Forwarded,

    /// <summary>Thrown away.</summary>
    Dropped,

    /// <summary>Sent on twice.</summary>
    Duplicated,

    /// <summary>Held back and sent after the next datagram in the same direction (or after a short wait when none came).</summary>
    Reordered,
}
