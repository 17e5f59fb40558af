using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace NetCourse;

/// <summary>
/// 13.1: the learner's function reads exactly Size bytes from a stream; the judge's server sends Sent bytes a few at a
/// time (Chunk) and closes. With fewer bytes than asked for, the function must throw <see cref="EndOfStreamException"/>.
/// </summary>
internal sealed class ReadExactlyJudge() : SocketJudge<Func<(Stream Source, int Count), byte[]>, (int Size, int Chunk, int Sent)>("13.1")
{
    internal override bool LearnerServes => false;

    internal override async Task<JsonNode?> CallAsync(
        Func<(Stream Source, int Count), byte[]> subject, (int Size, int Chunk, int Sent) input, IPEndPoint judge, JsonNode? given, CancellationToken cancellationToken)
    {
        using var socket = await SocketClient.ConnectAsync(judge, cancellationToken: cancellationToken).ConfigureAwait(false);
        socket.ReceiveTimeout = 3000; // a blocking read that waits too long throws instead of hanging
        await using var stream = new NetworkStream(socket);
        return ProbeJson.ToNode(await Task.Run(() => subject((stream, input.Size)), cancellationToken).ConfigureAwait(false));
    }

    private protected override Task<JudgeServer> Serve((int Size, int Chunk, int Sent) input, CancellationToken cancellationToken) =>
        OneConnectionAsync(async (socket, token) =>
        {
            socket.NoDelay = true;
            var data = Data(input.Sent);
            var chunk = Math.Max(1, input.Chunk);
            var at = 0;
            try
            {
                for (; at < data.Length; at += chunk)
                {
                    await SocketClient.SendAllAsync(socket, data.AsMemory(at, Math.Min(chunk, data.Length - at)), cancellationToken: token).ConfigureAwait(false);
                    await Task.Delay(1, token).ConfigureAwait(false);
                }

                socket.Shutdown(SocketShutdown.Send);
            }
            catch (SocketException)
            {
                // A client that read what it needed may close before the judge sent the rest: it did connect and read.
            }

            return new JsonObject { ["sent"] = Math.Min(at, data.Length) };
        }, cancellationToken);

    private protected override CaseVerdict Judge((int Size, int Chunk, int Sent) input, JsonNode? seen, JsonNode? outcome)
    {
        if (Error(seen) is { } error)
        {
            return new CaseVerdict(false, "no exchange", $"the function never read from the judge's connection: {error}");
        }

        if (input.Sent < input.Size)
        {
            var rejected = Outcomes.Judge(outcome, null, new JsonObject { ["exception"] = nameof(EndOfStreamException), ["naming"] = "" });
            return rejected.Passed ? rejected
                : new CaseVerdict(false, rejected.Kind, $"the stream ended after {input.Sent} of {input.Size} bytes: {rejected.Detail}");
        }

        var verdict = Outcomes.Judge(outcome, ProbeJson.ToNode(Data(input.Size)), null);
        return verdict.Kind == "wrong value"
            ? new CaseVerdict(false, "wrong value", $"asked for {input.Size} bytes arriving {input.Chunk} at a time, got other bytes")
            : verdict;
    }

    private static byte[] Data(int count) => [.. Enumerable.Range(0, count).Select(i => (byte)i)];
}
