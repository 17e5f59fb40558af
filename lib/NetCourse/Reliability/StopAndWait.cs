using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>
/// Stop-and-wait over UDP: each message goes out with a 4-byte big-endian sequence number and is sent again, with a
/// longer timeout each time, until an acknowledgement carrying the same number comes back. Acknowledgements for other
/// numbers (late copies of old ones) are ignored. The receiving end is <see cref="StopAndWaitReceiver"/>.
/// </summary>
public static class StopAndWait
{
    /// <summary>Bytes of sequence number in front of every message, and the whole of an acknowledgement.</summary>
    public const int HeaderSize = 4;

    /// <summary>The acknowledgement of <paramref name="sequence"/>.</summary>
    public static byte[] Ack(uint sequence)
    {
        var ack = new byte[HeaderSize];
        BinaryPrimitives.WriteUInt32BigEndian(ack, sequence);
        return ack;
    }

    /// <summary>
    /// Sends <paramref name="messages"/> one at a time from <paramref name="socket"/> to <paramref name="to"/>, each
    /// after the one before was acknowledged. Stops early, with <see cref="StopAndWaitResult.GaveUp"/> set, when a message
    /// is not acknowledged after <see cref="StopAndWaitOptions.MaxTries"/> tries.
    /// </summary>
    public static async Task<StopAndWaitResult> SendAsync(
        Socket socket, EndPoint to, IReadOnlyList<byte[]> messages, StopAndWaitOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(messages);
        var plan = (options ?? new StopAndWaitOptions()).Validated();
        var clock = Stopwatch.StartNew();
        var tries = new List<int>();
        int transmissions = 0, stale = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            var sequence = (uint)i;
            var datagram = new byte[HeaderSize + messages[i].Length];
            BinaryPrimitives.WriteUInt32BigEndian(datagram, sequence);
            messages[i].CopyTo(datagram, HeaderSize);
            var acked = false;
            var attempt = 0;
            while (!acked && attempt < plan.MaxTries)
            {
                attempt++;
                transmissions++;
                await socket.SendToAsync(datagram, SocketFlags.None, to, cancellationToken).ConfigureAwait(false);
                var until = Stopwatch.GetTimestamp() + (long)(plan.TimeoutOf(attempt).TotalSeconds * Stopwatch.Frequency);
                while (!acked && Remaining(until) is { } left)
                {
                    if (await UdpClientSteps.ReceiveAsync(socket, left, cancellationToken).ConfigureAwait(false) is not { } reply)
                    {
                        break;
                    }

                    if (reply.Length == HeaderSize && BinaryPrimitives.ReadUInt32BigEndian(reply) == sequence)
                    {
                        acked = true;
                    }
                    else
                    {
                        stale++;
                    }
                }
            }

            tries.Add(attempt);
            if (!acked)
            {
                return new StopAndWaitResult(messages.Count, i, transmissions, stale, GaveUp: true, clock.Elapsed, tries);
            }
        }

        return new StopAndWaitResult(messages.Count, messages.Count, transmissions, stale, GaveUp: false, clock.Elapsed, tries);
    }

    private static TimeSpan? Remaining(long until) =>
        Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), until) is var left && left > TimeSpan.Zero ? left : null;
}
