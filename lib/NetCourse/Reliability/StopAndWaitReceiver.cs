using System.Buffers.Binary;

namespace NetCourse;

/// <summary>
/// The receiving end of <see cref="StopAndWait"/>, as a <see cref="UdpServer"/> handler: acknowledges every data
/// datagram (a copy too, since the first acknowledgement may have been lost) and delivers each sequence number once.
/// </summary>
public sealed class StopAndWaitReceiver
{
    private readonly List<byte[]> _delivered = [];
    private readonly Lock _gate = new();
    private uint _next;
    private int _duplicates;
    private int _malformed;

    /// <summary>The payloads delivered to the application, in order, each once.</summary>
    public IReadOnlyList<byte[]> Delivered
    {
        get
        {
            lock (_gate)
            {
                return [.. _delivered];
            }
        }
    }

    /// <summary>Copies of an already delivered message, acknowledged again and thrown away.</summary>
    public int Duplicates => Volatile.Read(ref _duplicates);

    /// <summary>Datagrams too short to hold a sequence number, or from the future (ignored).</summary>
    public int Malformed => Volatile.Read(ref _malformed);

    /// <summary>Handles one data datagram; returns the acknowledgement to send, or null for none.</summary>
    public byte[]? Handle(byte[] datagram)
    {
        ArgumentNullException.ThrowIfNull(datagram);
        if (datagram.Length < StopAndWait.HeaderSize)
        {
            Interlocked.Increment(ref _malformed);
            return null;
        }

        var sequence = BinaryPrimitives.ReadUInt32BigEndian(datagram);
        lock (_gate)
        {
            if (sequence == _next)
            {
                _delivered.Add(datagram[StopAndWait.HeaderSize..]);
                _next++;
            }
            else if (sequence < _next)
            {
                _duplicates++;
            }
            else
            {
                _malformed++; // stop-and-wait never sends ahead of an unacknowledged message
                return null;
            }
        }

        return StopAndWait.Ack(sequence);
    }
}
