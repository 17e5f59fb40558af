using System.Net.Sockets;
using Microsoft.AspNetCore.Html;

namespace NetCourse;

/// <summary>
/// Captures one whole loopback connection — open, a request and its echo, close — and returns its sequence diagram,
/// or the reason capturing is not possible here.
/// </summary>
public static class CapturedConnection
{
    /// <summary>Runs the scripted connection under tcpdump. The client closes first.</summary>
    /// <returns>A <see cref="SequenceDiagram"/>, or an HTML note saying why the capture was skipped.</returns>
    public static async Task<IHtmlContent> RecordAsync(string message = "hello", CancellationToken cancellationToken = default)
    {
        if (PacketCapture.Unavailable is { } reason)
        {
            return new HtmlString($"<p><b>Capture skipped:</b> {System.Net.WebUtility.HtmlEncode(reason)}. The rest of the lesson does not need it.</p>");
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
}
