using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NetCourse;

/// <summary>
/// Client-side socket steps, each with a deadline: connect, send everything (sendall), receive once, receive an exact
/// count (recvall), receive until the peer closes.
/// </summary>
public static class SocketClient
{
    private const int DefaultMaxBytes = 16 * 1024 * 1024;

    /// <summary>Creates a TCP socket and connects it to <paramref name="endPoint"/>.</summary>
    /// <exception cref="TimeoutException">The handshake did not finish in time.</exception>
    /// <exception cref="SocketException">The connection was refused or failed.</exception>
    public static async Task<Socket> ConnectAsync(EndPoint endPoint, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await Deadline.RunAsync<bool>($"Connecting to {endPoint}", timeout, async ct =>
            {
                await socket.ConnectAsync(endPoint, ct).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends every byte, looping because one send may take fewer bytes than given. Returns the count sent.</summary>
    /// <exception cref="TimeoutException">The peer did not take the data in time (e.g. it never reads).</exception>
    public static Task<int> SendAllAsync(Socket socket, ReadOnlyMemory<byte> data, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return Deadline.RunAsync($"Sending {data.Length} bytes to {socket.RemoteEndPoint}", timeout, ct => SendEveryByteAsync(socket, data, ct), cancellationToken);
    }

    /// <summary>Sends text as UTF-8 (see <see cref="SendAllAsync(Socket, ReadOnlyMemory{byte}, TimeSpan?, CancellationToken)"/>).</summary>
    public static Task<int> SendAllAsync(Socket socket, string text, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        SendAllAsync(socket, Encoding.UTF8.GetBytes(text ?? throw new ArgumentNullException(nameof(text))), timeout, cancellationToken);

    /// <summary>One receive: returns how many bytes arrived (at most the buffer's size); 0 means the peer finished sending.</summary>
    /// <exception cref="TimeoutException">Nothing arrived in time.</exception>
    public static Task<int> ReceiveAsync(Socket socket, Memory<byte> buffer, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return Deadline.RunAsync($"Receiving from {socket.RemoteEndPoint}", timeout,
            ct => socket.ReceiveAsync(buffer, SocketFlags.None, ct), cancellationToken);
    }

    /// <summary>Receives exactly <paramref name="count"/> bytes, looping over partial receives (the recvall equivalent).</summary>
    /// <exception cref="EndOfStreamException">The peer closed before sending that many bytes.</exception>
    /// <exception cref="TimeoutException">They did not all arrive in time.</exception>
    public static Task<byte[]> ReceiveExactlyAsync(Socket socket, int count, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Deadline.RunAsync($"Receiving {count} bytes from {socket.RemoteEndPoint}", timeout, async ct =>
        {
            var buffer = new byte[count];
            var received = 0;
            while (received < count)
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory(received), SocketFlags.None, ct).ConfigureAwait(false);
                if (n == 0)
                {
                    throw new EndOfStreamException($"The peer closed after {received} of {count} bytes.");
                }

                received += n;
            }

            return buffer;
        }, cancellationToken);
    }

    /// <summary>Receives until the peer closes its side (a receive returns 0).</summary>
    /// <exception cref="TimeoutException">The peer did not close in time.</exception>
    /// <exception cref="InvalidDataException">More than <paramref name="maxBytes"/> arrived.</exception>
    public static Task<byte[]> ReceiveUntilClosedAsync(Socket socket, TimeSpan? timeout = null, int maxBytes = DefaultMaxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        return Deadline.RunAsync($"Receiving from {socket.RemoteEndPoint} until it closes", timeout, ct => ReceiveAllAsync(socket, maxBytes, ct), cancellationToken);
    }

    private static async ValueTask<int> SendEveryByteAsync(Socket socket, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var sent = 0;
        while (sent < data.Length)
        {
            sent += await socket.SendAsync(data[sent..], SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }

        return sent;
    }

    private static async ValueTask<byte[]> ReceiveAllAsync(Socket socket, int maxBytes, CancellationToken cancellationToken)
    {
        using var all = new MemoryStream();
        var buffer = new byte[8192];
        int n;
        while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false)) > 0)
        {
            all.Write(buffer, 0, n);
            if (all.Length > maxBytes)
            {
                throw new InvalidDataException($"The peer sent more than {maxBytes} bytes.");
            }
        }

        return all.ToArray();
    }

    /// <summary>
    /// One request/response exchange: connect, send the text, close the sending side, read the reply until the server
    /// closes, close. All within one deadline.
    /// </summary>
    /// <exception cref="TimeoutException">The whole exchange did not finish within <paramref name="timeout"/>.</exception>
    public static async Task<string> RequestAsync(EndPoint endPoint, string request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        ArgumentNullException.ThrowIfNull(request);
        return await Deadline.RunAsync($"A request to {endPoint}", timeout, async ct =>
        {
            using var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(endPoint, ct).ConfigureAwait(false);
            await SendEveryByteAsync(socket, Encoding.UTF8.GetBytes(request), ct).ConfigureAwait(false);
            socket.Shutdown(SocketShutdown.Send);
            return Encoding.UTF8.GetString(await ReceiveAllAsync(socket, DefaultMaxBytes, ct).ConfigureAwait(false));
        }, cancellationToken).ConfigureAwait(false);
    }
}
