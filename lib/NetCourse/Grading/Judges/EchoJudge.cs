using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace NetCourse;

/// <summary>
/// 11.1: the learner's handler echoes every byte and, once the client has finished sending, one last line
/// <c>"N bytes\n"</c> with the count; the judge sends a message in pieces, reading while it sends, and compares what came back.
/// </summary>
internal sealed class EchoJudge() : SocketJudge<Func<Socket, CancellationToken, Task>, int>("11.1")
{
    private const int Piece = 65_536;

    internal override bool LearnerServes => true;

    internal override async Task<IAsyncDisposable> StartLearnerAsync(Func<Socket, CancellationToken, Task> subject, CancellationToken cancellationToken) =>
        await TcpServer.StartAsync($"exercise-{Exercise}", subject, cancellationToken: cancellationToken).ConfigureAwait(false);

    internal override IPEndPoint EndPointOf(IAsyncDisposable server) => ((TcpServer)server).EndPoint;

    private protected override async Task<JsonNode?> Visit(int size, IPEndPoint learner, CancellationToken cancellationToken)
    {
        var message = Message(size);
        using var socket = await SocketClient.ConnectAsync(learner, cancellationToken: cancellationToken).ConfigureAwait(false);
        var receiving = SocketClient.ReceiveUntilClosedAsync(socket, TimeSpan.FromSeconds(3), cancellationToken: cancellationToken);
        try
        {
            for (var at = 0; at < size; at += Piece) // in pieces with pauses, as a network may deliver them
            {
                if (at > 0)
                {
                    await Task.Delay(10, cancellationToken).ConfigureAwait(false);
                }

                await SocketClient.SendAllAsync(socket, message.AsMemory(at, Math.Min(Piece, size - at)), cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // The handler closed early; what came back is judged below.
        }

        byte[] reply;
        try
        {
            reply = await receiving.ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            return new JsonObject { ["error"] = $"the connection broke ({e.Message}) before {size} bytes came back" };
        }

        var trailer = Encoding.ASCII.GetBytes(Trailer(size));
        return new JsonObject
        {
            ["got"] = reply.Length,
            ["echoed"] = reply.AsSpan().StartsWith(message),
            ["same"] = reply.AsSpan().SequenceEqual([.. message, .. trailer]),
        };
    }

    private protected override CaseVerdict Judge(int size, JsonNode? seen, JsonNode? outcome)
    {
        if (Error(seen) is { } error)
        {
            return new CaseVerdict(false, "no exchange", $"sent {size} bytes: {error}");
        }

        var got = (int?)seen?["got"] ?? 0;
        return (bool?)seen?["same"] == true ? CaseVerdict.Pass
            : (bool?)seen?["echoed"] == true
                ? new CaseVerdict(false, "no count", $"sent {size} bytes and got them back, but not then the line \"{Trailer(size).TrimEnd()}\" and the close")
                : new CaseVerdict(false, "wrong echo", $"sent {size} bytes, got {got} bytes back{(got == size ? " but different ones" : "")}");
    }

    private static string Trailer(int size) => $"{size} bytes\n";

    private static byte[] Message(int size) => [.. Enumerable.Range(0, size).Select(i => (byte)('a' + (i % 26)))];
}
