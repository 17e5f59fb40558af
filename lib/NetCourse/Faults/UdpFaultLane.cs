using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace NetCourse;

/// <summary>One direction of a <see cref="UdpFaultProxy"/>: decides each datagram's fate from its own seeded Random and sends what survives, after the delay.</summary>
internal sealed class UdpFaultLane
{
    private const int MaxRecords = 100_000;

    private readonly Channel<Item> _queue = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private readonly UdpFaultPlan _plan;
    private readonly Random _random;
    private readonly bool _toServer;
    private readonly List<DatagramRecord> _records;
    private readonly Lock _gate = new();
    private Item? _held;
    private int _count;

    public UdpFaultLane(UdpFaultPlan plan, int seed, bool toServer, List<DatagramRecord> records)
    {
        _plan = plan;
        _random = new Random(seed);
        _toServer = toServer;
        _records = records;
    }

    /// <summary>How long a held-back datagram waits for a successor before it is sent anyway.</summary>
    private TimeSpan HoldLimit => _plan.Delay + TimeSpan.FromMilliseconds(100);

    public void Offer(Socket via, EndPoint to, byte[] datagram)
    {
        lock (_gate)
        {
            // Three draws for every datagram, whatever the plan: the n-th datagram meets the same draws at any loss rate.
            double loss = _random.NextDouble(), duplicate = _random.NextDouble(), reorder = _random.NextDouble();
            var fate = loss < _plan.Loss ? DatagramFate.Dropped
                : _held is null && reorder < _plan.Reorder ? DatagramFate.Reordered
                : duplicate < _plan.Duplicate ? DatagramFate.Duplicated
                : DatagramFate.Forwarded;
            Record(++_count, datagram.Length, fate);
            var item = new Item(via, to, datagram, Stopwatch.GetTimestamp());
            switch (fate)
            {
                case DatagramFate.Dropped:
                    return;
                case DatagramFate.Reordered:
                    _held = item;
                    return;
                case DatagramFate.Duplicated:
                    _queue.Writer.TryWrite(item);
                    break;
            }

            _queue.Writer.TryWrite(item);
            if (_held is { } held)
            {
                _held = null;
                _queue.Writer.TryWrite(held with { Arrived = item.Arrived });
            }
        }
    }

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Item item;
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(stop))
            {
                wait.CancelAfter(HoldLimit / 4);
                try
                {
                    item = await _queue.Reader.ReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    lock (_gate)
                    {
                        if (_held is not { } held || Stopwatch.GetElapsedTime(held.Arrived) < HoldLimit)
                        {
                            continue;
                        }

                        _held = null;
                        item = held;
                    }
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            var remaining = _plan.Delay - Stopwatch.GetElapsedTime(item.Arrived);
            try
            {
                if (remaining > TimeSpan.Zero)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(remaining.TotalMilliseconds)), stop).ConfigureAwait(false); // whole milliseconds, rounded up: never shorter than the plan
                }

                await item.Via.SendToAsync(item.Datagram, SocketFlags.None, item.To, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // A closed client socket or proxy: the datagram is lost, as on a real path.
            }
        }
    }

    private void Record(int number, int size, DatagramFate fate)
    {
        lock (_records)
        {
            if (_records.Count < MaxRecords)
            {
                _records.Add(new DatagramRecord(number, _toServer, size, fate));
            }
        }
    }

    private sealed record Item(Socket Via, EndPoint To, byte[] Datagram, long Arrived);
}
