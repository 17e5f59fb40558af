namespace NetCourse;

/// <summary>The TCP header's control bits (flags).</summary>
[Flags]
public enum TcpControlBits : byte
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary>FIN: the sender has finished sending.</summary>
    Fin = 0x01,

    /// <summary>SYN: synchronise sequence numbers (opens a connection).</summary>
    Syn = 0x02,

    /// <summary>RST: reset (abort) the connection.</summary>
    Rst = 0x04,

    /// <summary>PSH: hand the data to the application now.</summary>
    Psh = 0x08,

    /// <summary>ACK: the acknowledgement number is valid.</summary>
    Ack = 0x10,

    /// <summary>URG: the urgent pointer is valid.</summary>
    Urg = 0x20,

    /// <summary>ECE: ECN echo, congestion was seen on the way (RFC 3168).</summary>
    Ece = 0x40,

    /// <summary>CWR: congestion window reduced, the answer to ECE (RFC 3168).</summary>
    Cwr = 0x80,
}
