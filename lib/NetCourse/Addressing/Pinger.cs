using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;

namespace NetCourse;

/// <summary>ICMP echo (ping) with a deadline per request.</summary>
public static class Pinger
{
    /// <summary>Sends <paramref name="count"/> echo requests to <paramref name="address"/>, each waiting at most <paramref name="timeout"/>.</summary>
    /// <exception cref="ArgumentException">The address is malformed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The count is not 1-20.</exception>
    public static async Task<PingResult> PingAsync(string address, int count = 4, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!IPAddress.TryParse(address, out var target))
        {
            throw new ArgumentException($"'{address}' is not an IPv4 or IPv6 address.", nameof(address));
        }

        if (count is < 1 or > 20)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Count {count} must be from 1 to 20.");
        }

        var limit = (int)(timeout ?? TimeSpan.FromSeconds(1)).TotalMilliseconds;
        var replies = new List<TimeSpan?>();
        string? note = null;
        using var ping = new Ping();
        for (var i = 0; i < count; i++)
        {
            try
            {
                var clock = Stopwatch.StartNew();
                var reply = await ping.SendPingAsync(target, limit).ConfigureAwait(false);
                replies.Add(reply.Status == IPStatus.Success ? clock.Elapsed : null);
                note ??= reply.Status == IPStatus.Success ? null : reply.Status.ToString();
            }
            catch (PingException e)
            {
                replies.Add(null);
                note = $"ICMP not available here: {e.InnerException?.Message ?? e.Message}";
            }
        }

        return new PingResult(address, replies, note);
    }
}
