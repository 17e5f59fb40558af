using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>
/// A loopback UDP proxy in front of a server that drops, delays, duplicates and reorders datagrams in both directions,
/// as <see cref="UdpFaultPlan"/> says. Clients send to <see cref="EndPoint"/>; each client gets its own socket towards
/// the server, so replies find their way back. The decisions are seeded: the same datagrams meet the same fates.
/// </summary>
public sealed class UdpFaultProxy : IAsyncDisposable, ITabular
{
    /// <summary>The most clients one proxy serves.</summary>
    public const int MaxClients = 256;

    private readonly Socket _front;
    private readonly IPEndPoint _target;
    private readonly ConcurrentDictionary<IPEndPoint, Socket> _upstreams = new();
    private readonly List<DatagramRecord> _records = [];
    private readonly UdpFaultLane _toServer;
    private readonly UdpFaultLane _toClient;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private int _stopped;

    private UdpFaultProxy(Socket front, IPEndPoint target, UdpFaultPlan plan)
    {
        _front = front;
        _target = target;
        Plan = plan;
        _toServer = new UdpFaultLane(plan, LaneSeed(plan.Seed, 1), toServer: true, _records);
        _toClient = new UdpFaultLane(plan, LaneSeed(plan.Seed, 2), toServer: false, _records);
    }

    /// <summary>Where clients send.</summary>
    public IPEndPoint EndPoint => (IPEndPoint)_front.LocalEndPoint!;

    /// <summary>The plan in force.</summary>
    public UdpFaultPlan Plan { get; }

    /// <summary>Every datagram seen so far with its fate, in arrival order (the first 100,000).</summary>
    public IReadOnlyList<DatagramRecord> Records
    {
        get
        {
            lock (_records)
            {
                return [.. _records];
            }
        }
    }

    /// <summary>Starts a proxy on loopback port 0 in front of <paramref name="target"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The plan has a chance outside 0-1 or a bad delay.</exception>
    public static UdpFaultProxy Start(IPEndPoint target, UdpFaultPlan plan)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(plan);
        plan.Validated();
        var front = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        front.Bind(new IPEndPoint(Loopback(target), 0));
        var proxy = new UdpFaultProxy(front, target, plan);
        var stop = proxy._stopping.Token;
        proxy._loops.AddRange([proxy.FrontLoopAsync(stop), proxy._toServer.RunAsync(stop), proxy._toClient.RunAsync(stop)]);
        return proxy;
    }

    /// <summary>Stops forwarding, closes every socket and waits for the loops to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _front.Dispose();
        foreach (var upstream in _upstreams.Values)
        {
            upstream.Dispose();
        }

        Task[] loops;
        lock (_loops)
        {
            loops = [.. _loops];
        }

        await Task.WhenAll(loops).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <inheritdoc/>
    public HtmlTable ToTable()
    {
        var records = Records;
        var table = new HtmlTable("direction", "datagrams", "forwarded", "dropped", "duplicated", "reordered")
        {
            Caption = $"UDP fault proxy {EndPoint} → {_target}: loss {Percent(Plan.Loss)}, duplicate {Percent(Plan.Duplicate)}, reorder {Percent(Plan.Reorder)}, delay {Plan.Delay.TotalMilliseconds:0.#} ms, seed {Plan.Seed}",
        };
        foreach (var toServer in new[] { true, false })
        {
            var lane = records.Where(r => r.ToServer == toServer).ToList();
            table.AddRow(toServer ? "client → server" : "server → client", lane.Count,
                lane.Count(r => r.Fate == DatagramFate.Forwarded), lane.Count(r => r.Fate == DatagramFate.Dropped),
                lane.Count(r => r.Fate == DatagramFate.Duplicated), lane.Count(r => r.Fate == DatagramFate.Reordered));
        }

        return table;
    }

    // SplitMix64's finaliser: neighbouring seeds and the two directions get unrelated sequences.
    private static int LaneSeed(int seed, int lane)
    {
        var z = unchecked(((ulong)(uint)seed << 8 | (uint)lane) * 0x9E3779B97F4A7C15);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EB);
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    private static IPAddress Loopback(IPEndPoint target) =>
        target.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback;

    private static string Percent(double chance) => chance.ToString("0.#%", CultureInfo.InvariantCulture);

    private Task FrontLoopAsync(CancellationToken stop) => DatagramLoop.RunAsync(_front, (datagram, client, _) =>
    {
        if (Upstream(client, stop) is { } upstream)
        {
            _toServer.Offer(upstream, _target, datagram);
        }

        return Task.CompletedTask;
    }, stop);

    private Socket? Upstream(IPEndPoint client, CancellationToken stop)
    {
        if (_upstreams.TryGetValue(client, out var known))
        {
            return known;
        }

        if (_upstreams.Count >= MaxClients)
        {
            return null;
        }

        var upstream = new Socket(_target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        upstream.Bind(new IPEndPoint(Loopback(_target), 0));
        _upstreams[client] = upstream;
        lock (_loops)
        {
            _loops.Add(BackLoopAsync(upstream, client, stop));
        }

        return upstream;
    }

    private Task BackLoopAsync(Socket upstream, IPEndPoint client, CancellationToken stop) =>
        DatagramLoop.RunAsync(upstream, (datagram, _, _) =>
        {
            _toClient.Offer(_front, client, datagram);
            return Task.CompletedTask;
        }, stop);
}
