using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>
/// Connecting to a name with several addresses. <see cref="ConnectAsync"/> races them as Happy Eyeballs does
/// (RFC 8305): IPv6 and IPv4 interleaved, a new attempt every <see cref="DefaultStagger"/> or as soon as one fails,
/// the first connection wins and the rest are cancelled. <see cref="OneByOneAsync"/> tries them in order, each until it
/// connects, fails or reaches its own deadline, as <c>Socket.ConnectAsync(host, port)</c> does.
/// </summary>
public static class HappyEyeballs
{
    /// <summary>The connection attempt delay RFC 8305 §8 recommends.</summary>
    public static readonly TimeSpan DefaultStagger = TimeSpan.FromMilliseconds(250);

    /// <summary>The addresses with the families alternating, the first family first (RFC 8305 §4), each family in its given order.</summary>
    public static IReadOnlyList<IPAddress> Interleave(IEnumerable<IPAddress> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var all = addresses.ToList();
        if (all.Count == 0)
        {
            return [];
        }

        var first = all.Where(a => a.AddressFamily == all[0].AddressFamily).ToList();
        var other = all.Where(a => a.AddressFamily != all[0].AddressFamily).ToList();
        var result = new List<IPAddress>();
        for (var i = 0; i < Math.Max(first.Count, other.Count); i++)
        {
            result.AddRange(first.Skip(i).Take(1).Concat(other.Skip(i).Take(1)));
        }

        return result;
    }

    /// <summary>Races connects to <paramref name="addresses"/> (interleaved) on <paramref name="port"/>; the whole race stops at <paramref name="timeout"/> (default 5 s).</summary>
    /// <exception cref="ArgumentException">There is no address, or the stagger is negative.</exception>
    public static async Task<ConnectResult> ConnectAsync(
        IReadOnlyList<IPAddress> addresses, int port, TimeSpan? stagger = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var order = Checked(addresses, port);
        var delay = stagger ?? DefaultStagger;
        if (delay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(stagger), delay, $"Stagger {delay} must not be negative.");
        }

        var clock = Stopwatch.StartNew();
        using var race = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        race.CancelAfter(timeout ?? Deadline.Default);
        var attempts = new List<ConnectionAttempt>();
        var running = new Dictionary<Task<Socket>, int>();
        Socket? winner = null;
        var next = 0;
        while (winner is null)
        {
            if (next < order.Count && !race.IsCancellationRequested)
            {
                var target = new IPEndPoint(order[next], port);
                attempts.Add(new ConnectionAttempt(target, clock.Elapsed, null, "running"));
                running[AttemptAsync(target, race.Token)] = next++;
            }

            if (running.Count == 0)
            {
                break;
            }

            var timer = next < order.Count ? Task.Delay(delay, race.Token) : Task.Delay(Timeout.Infinite, race.Token);
            var done = await Task.WhenAny(running.Keys.Append(timer)).ConfigureAwait(false);
            if (done == timer)
            {
                if (race.IsCancellationRequested)
                {
                    await Task.WhenAll(running.Keys.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
                    foreach (var (task, index) in running)
                    {
                        attempts[index] = attempts[index] with { Ended = clock.Elapsed, Outcome = "no answer before the deadline" };
                    }

                    break;
                }

                continue; // the stagger passed: start the next attempt beside this one
            }

            var finished = (Task<Socket>)done;
            var at = running[finished];
            running.Remove(finished);
            if (finished.IsCompletedSuccessfully)
            {
                winner = finished.Result;
                attempts[at] = attempts[at] with { Ended = clock.Elapsed, Outcome = "connected: the winner" };
            }
            else
            {
                attempts[at] = attempts[at] with { Ended = clock.Elapsed, Outcome = Describe(finished.Exception?.InnerException) };
            }
        }

        var elapsed = clock.Elapsed;
        await race.CancelAsync().ConfigureAwait(false);
        foreach (var (task, index) in running)
        {
            try
            {
                (await task.ConfigureAwait(false)).Dispose();
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                // cancelled because another attempt won
            }

            attempts[index] = attempts[index] with { Ended = clock.Elapsed, Outcome = "cancelled: another attempt won" };
        }

        return new ConnectResult($"Happy Eyeballs, {delay.TotalMilliseconds:0} ms stagger", attempts, winner, elapsed);
    }

    /// <summary>Tries <paramref name="addresses"/> in the order given, each until it connects, fails or reaches <paramref name="perAttempt"/> (default 2 s).</summary>
    public static async Task<ConnectResult> OneByOneAsync(IReadOnlyList<IPAddress> addresses, int port, TimeSpan? perAttempt = null, CancellationToken cancellationToken = default)
    {
        var order = addresses?.ToList() ?? throw new ArgumentNullException(nameof(addresses));
        Checked(order, port);
        var limit = perAttempt ?? TimeSpan.FromSeconds(2);
        var clock = Stopwatch.StartNew();
        var attempts = new List<ConnectionAttempt>();
        foreach (var address in order)
        {
            var target = new IPEndPoint(address, port);
            var started = clock.Elapsed;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(limit);
            try
            {
                var socket = await AttemptAsync(target, deadline.Token).ConfigureAwait(false);
                attempts.Add(new ConnectionAttempt(target, started, clock.Elapsed, "connected"));
                return new ConnectResult($"one address after another, {limit.TotalSeconds:0.#} s each", attempts, socket, clock.Elapsed);
            }
            catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                attempts.Add(new ConnectionAttempt(target, started, clock.Elapsed, e is OperationCanceledException ? $"no answer within {limit.TotalSeconds:0.#} s" : Describe(e)));
            }
        }

        return new ConnectResult($"one address after another, {limit.TotalSeconds:0.#} s each", attempts, null, clock.Elapsed);
    }

    private static List<IPAddress> Checked(IReadOnlyList<IPAddress> addresses, int port)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        Ports.Validate(port);
        return addresses.Count == 0 ? throw new ArgumentException("There is no address to connect to.", nameof(addresses)) : [.. Interleave(addresses)];
    }

    private static string Describe(Exception? e) => e switch
    {
        SocketException s => $"failed: {s.SocketErrorCode}",
        OperationCanceledException => "no answer before the deadline",
        null => "failed",
        _ => $"failed: {e.GetType().Name}",
    };

    private static async Task<Socket> AttemptAsync(IPEndPoint target, CancellationToken token)
    {
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(target, token).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
