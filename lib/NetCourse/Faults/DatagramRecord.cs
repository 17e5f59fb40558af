namespace NetCourse;

/// <summary>One datagram that passed a <see cref="UdpFaultProxy"/>: its number in its direction (from 1), direction, size and fate.</summary>
public sealed record DatagramRecord(int Number, bool ToServer, int Size, DatagramFate Fate);
