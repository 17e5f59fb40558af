using System.Net.Sockets;

namespace NetCourse;

/// <summary>
/// Captures one whole loopback connection — open, a request and its echo, close — and returns its sequence diagram.
/// Where live capture is unavailable (<see cref="PacketCapture.Unavailable"/>) it shows the same exchange recorded on
/// loopback and shipped with the course, labelled as recorded.
/// </summary>
public static class CapturedConnection
{
    /// <summary>The line that labels a recorded capture.</summary>
    internal const string RecordedNote = "recorded on loopback (not live): to see it live, install tcpdump and run as root / with CAP_NET_RAW";

    private const string ResourcePrefix = "NetCourse.Recorded.", ResourceSuffix = ".pcap";

    /// <summary>The messages whose exchange was recorded (lib/NetCourse/Capture/Recorded/<i>message</i>.pcap, embedded in the library).</summary>
    internal static IReadOnlyList<string> RecordedMessages { get; } = typeof(CapturedConnection).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(ResourceSuffix, StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^ResourceSuffix.Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Runs the scripted connection under tcpdump, or shows its recording. The client closes first.</summary>
    /// <exception cref="InvalidOperationException">Live capture is unavailable and the course has no recording of <paramref name="message"/>.</exception>
    public static async Task<SequenceDiagram> RecordAsync(string message = "hello", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (PacketCapture.Unavailable is { } reason)
        {
            return RecordedMessages.Contains(message)
                ? Recorded(message)
                : throw new InvalidOperationException(
                    $"Cannot capture live ({reason}), and the course has no recording of the message '{message}' (it has {string.Join(", ", RecordedMessages.Select(m => $"'{m}'"))}).");
        }

        await using var server = await TcpServer.StartAsync("captured-echo", Handlers.Echo, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var capture = await PacketCapture.StartAsync(server.EndPoint.Port, cancellationToken).ConfigureAwait(false);
        using (var client = await SocketClient.ConnectAsync(server.EndPoint, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            await SocketClient.SendAllAsync(client, message, cancellationToken: cancellationToken).ConfigureAwait(false);
            await SocketClient.ReceiveExactlyAsync(client, System.Text.Encoding.UTF8.GetByteCount(message), cancellationToken: cancellationToken).ConfigureAwait(false);
            client.Shutdown(SocketShutdown.Send);
            await SocketClient.ReceiveUntilClosedAsync(client, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return new SequenceDiagram(await capture.StopAsync().ConfigureAwait(false));
    }

    /// <summary>
    /// The recorded exchange of <paramref name="message"/>, read by <see cref="PcapFile"/> like a live capture. Recorded on
    /// Linux 6.18 with <c>tcpdump -i lo -n -U --immediate-mode -s 256 -w</c> (the arguments <see cref="PacketCapture"/>
    /// uses) while a client sent the message to an echo server, read the echo and closed first.
    /// </summary>
    internal static SequenceDiagram Recorded(string message)
    {
        using var stream = typeof(CapturedConnection).Assembly.GetManifestResourceStream(ResourcePrefix + message + ResourceSuffix)
            ?? throw new ArgumentException($"The course has no recording of the message '{message}'.", nameof(message));
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return new SequenceDiagram(PcapFile.Parse(bytes.ToArray()), RecordedNote);
    }
}
