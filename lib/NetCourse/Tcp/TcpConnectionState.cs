namespace NetCourse;

/// <summary>TCP connection states (RFC 9293), numbered as Linux reports them in /proc/net/tcp.</summary>
public enum TcpConnectionState
{
    /// <summary>Connection open both ways.</summary>
    Established = 1,

    /// <summary>Client sent SYN, waits for SYN-ACK.</summary>
    SynSent = 2,

    /// <summary>Server got SYN, sent SYN-ACK, waits for ACK.</summary>
    SynReceived = 3,

    /// <summary>This side closed first and sent FIN; waits for its ACK.</summary>
    FinWait1 = 4,

    /// <summary>Our FIN was acknowledged; waits for the peer's FIN.</summary>
    FinWait2 = 5,

    /// <summary>The side that closed first, after the exchange: waits 2×MSL so late segments die out.</summary>
    TimeWait = 6,

    /// <summary>No connection.</summary>
    Closed = 7,

    /// <summary>The peer closed first; this side may still send, then must close.</summary>
    CloseWait = 8,

    /// <summary>This side closed after the peer; waits for the ACK of its FIN.</summary>
    LastAck = 9,

    /// <summary>A listening socket waiting for connections.</summary>
    Listen = 10,

    /// <summary>Both sides sent FIN at the same time.</summary>
    Closing = 11,
}
