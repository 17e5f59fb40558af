using System.Net;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>
/// Judges exercise 15.1, an accept loop with a task per client: <c>ServeAsync(listener, token)</c> must echo every
/// client's bytes back and close when the client finishes sending, serve many clients at once while one connected
/// client stays silent, and return soon after the token is cancelled.
/// </summary>
public static class AcceptLoopJudge
{
    /// <summary>How long every client may take, from its connect to the end of its echo.</summary>
    public static readonly TimeSpan ClientLimit = TimeSpan.FromSeconds(1);

    /// <summary>How soon <c>ServeAsync</c> must return once cancelled.</summary>
    public static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(0.5);

    /// <summary>
    /// Starts <paramref name="serve"/> on a fresh listener (127.0.0.1, port 0), connects one client that never sends,
    /// then <c>Clients</c> clients at once, each sending <c>Bytes</c> bytes in <c>Pieces</c> pieces 20 ms apart and
    /// half-closing. Returns null when every client got exactly its bytes back and the server stopped when cancelled,
    /// otherwise what went wrong.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Clients is not 1-100, Bytes not 1-65536 or Pieces not 1-Bytes (and at most 10).</exception>
    public static async Task<string?> JudgeAsync(Func<Socket, CancellationToken, Task> serve, (int Clients, int Bytes, int Pieces) input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serve);
        var (clients, bytes, pieces) = input;
        if (clients is < 1 or > 100 || bytes is < 1 or > 65536 || pieces < 1 || pieces > Math.Min(bytes, 10))
        {
            throw new ArgumentOutOfRangeException(nameof(input), input, $"Case {input} needs 1-100 clients, 1-65536 bytes and 1-10 pieces (no more pieces than bytes).");
        }

        using var listener = Listeners.Listen(IPAddress.Loopback, 128);
        var endPoint = (IPEndPoint)listener.LocalEndPoint!;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var serving = Task.Run(() => serve(listener, stop.Token), CancellationToken.None);
        using var silent = await SocketClient.ConnectAsync(endPoint, ClientLimit, cancellationToken).ConfigureAwait(false);
        await Task.Delay(50, cancellationToken).ConfigureAwait(false); // the silent client is first in line
        var failures = (await Task.WhenAll(Enumerable.Range(0, clients).Select(i => ClientAsync(endPoint, i, bytes, pieces, cancellationToken))).ConfigureAwait(false))
            .Where(f => f is not null).ToList();
        if (serving.IsFaulted)
        {
            await serving.ConfigureAwait(false); // the learner's own exception (a stub's NotImplementedException included) is the message
        }

        if (failures.Count > 0)
        {
            return $"{failures.Count} of {clients} clients were not served within {ClientLimit.TotalSeconds:0.#} s while one connected client stayed silent; first: {failures[0]}";
        }

        if (serving.IsCompleted)
        {
            return "ServeAsync returned before it was cancelled: it must keep accepting clients until its token is cancelled";
        }

        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await serving.WaitAsync(StopLimit, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return $"ServeAsync did not return within {StopLimit.TotalSeconds:0.#} s of its token being cancelled: give the token to AcceptAsync";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Returning by throwing OperationCanceledException is a fine way to stop.
        }

        return null;
    }

    private static async Task<string?> ClientAsync(IPEndPoint server, int number, int bytes, int pieces, CancellationToken cancellationToken)
    {
        var message = Enumerable.Range(0, bytes).Select(i => (byte)('a' + (i + number) % 26)).ToArray();
        var got = 0;
        try
        {
            return await Deadline.RunAsync($"client {number + 1}", ClientLimit, async ct =>
            {
                using var socket = await SocketClient.ConnectAsync(server, ClientLimit, ct).ConfigureAwait(false);
                var size = (bytes + pieces - 1) / pieces;
                var echo = SocketClient.ReceiveUntilClosedAsync(socket, ClientLimit, bytes * 2, ct);
                for (var at = 0; at < bytes; at += size)
                {
                    if (at > 0)
                    {
                        await Task.Delay(20, ct).ConfigureAwait(false);
                    }

                    await SocketClient.SendAllAsync(socket, message.AsMemory(at, Math.Min(size, bytes - at)), ClientLimit, ct).ConfigureAwait(false);
                }

                socket.Shutdown(SocketShutdown.Send);
                var reply = await echo.ConfigureAwait(false);
                got = reply.Length;
                return reply.AsSpan().SequenceEqual(message) ? null
                    : $"client {number + 1} sent {bytes} bytes in {pieces} piece(s) and got {got} back{(got == bytes ? ", but different ones" : "")} before the server closed";
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return $"client {number + 1} sent {bytes} bytes and had no complete echo and close within {ClientLimit.TotalSeconds:0.#} s";
        }
        catch (Exception e) when (e is SocketException or InvalidDataException)
        {
            return $"client {number + 1}: the connection broke ({e.Message}) before its {bytes} bytes came back";
        }
    }
}
