namespace NetCourse;

/// <summary>
/// One loss rate of a <see cref="ReliableUdpExperiment"/>: what plain UDP, stop-and-wait over UDP and TCP delivered of
/// <paramref name="Messages"/>, and what the last two cost in datagrams and time.
/// </summary>
public sealed record LossRateRow(
    double Loss, int Messages, int SentOnceDelivered, int StopAndWaitDelivered, int Transmissions, int Duplicates, bool GaveUp,
    TimeSpan StopAndWaitElapsed, int TcpDelivered, TimeSpan TcpElapsed);
