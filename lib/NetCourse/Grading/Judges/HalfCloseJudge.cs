using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace NetCourse;

/// <summary>
/// 08.3: the learner's client sends a request, half-closes its side and still reads the whole reply. The judge's server
/// takes the client's FIN as the end of the request: it answers only after it, with bytes the client cannot know in
/// advance (a digest of the request and random bytes), sent in several delayed pieces, and then closes. A case is the
/// request's size in bytes (binary, not UTF-8) and how many pieces the reply comes in.
/// </summary>
internal sealed class HalfCloseJudge() : SocketJudge<Func<(IPEndPoint Server, byte[] Request), Task<byte[]>>, (int Size, int Pieces)>("08.3")
{
    private static readonly TimeSpan RequestWait = TimeSpan.FromSeconds(3);

    internal override bool LearnerServes => false;

    internal override async Task<JsonNode?> CallAsync(
        Func<(IPEndPoint Server, byte[] Request), Task<byte[]>> subject, (int Size, int Pieces) input, IPEndPoint judge, JsonNode? given, CancellationToken cancellationToken) =>
        ProbeJson.ToNode(await subject((judge, Request(input.Size))).ConfigureAwait(false));

    private protected override Task<JudgeServer> Serve((int Size, int Pieces) input, CancellationToken cancellationToken) =>
        OneConnectionAsync(async (socket, token) =>
        {
            socket.NoDelay = true;
            byte[] request;
            try
            {
                request = await SocketClient.ReceiveUntilClosedAsync(socket, RequestWait, 1024 * 1024, token).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return new JsonObject
                {
                    ["error"] = $"the server waited {RequestWait.TotalSeconds:0} s for the end of the request (the client's FIN) and it never came: "
                        + "after sending the request, shut down the sending side so the server knows the request is complete",
                };
            }

            if (!request.AsSpan().SequenceEqual(Request(input.Size)))
            {
                return new JsonObject { ["error"] = $"the server received {request.Length} bytes that are not the {input.Size}-byte request" };
            }

            var reply = Reply(request);
            var piece = Math.Max(1, reply.Length / Math.Max(1, input.Pieces));
            var sent = 0;
            try
            {
                for (; sent < reply.Length; sent += piece)
                {
                    await SocketClient.SendAllAsync(socket, reply.AsMemory(sent, Math.Min(piece, reply.Length - sent)), cancellationToken: token).ConfigureAwait(false);
                    await Task.Delay(10, token).ConfigureAwait(false);
                }
            }
            catch (SocketException)
            {
                // The client closed its whole socket instead of its sending side: the rest of the reply has nowhere to go.
            }

            return new JsonObject { ["length"] = reply.Length, ["sha256"] = Convert.ToHexString(SHA256.HashData(reply)), ["sent"] = Math.Min(sent, reply.Length) };
        }, cancellationToken);

    private protected override CaseVerdict Judge((int Size, int Pieces) input, JsonNode? seen, JsonNode? outcome)
    {
        if (Error(seen) is { } error)
        {
            return new CaseVerdict(false, "no request", $"{input.Size}-byte request: {error}");
        }

        var length = (int?)seen?["length"] ?? 0;
        var verdict = Outcomes.Judge(outcome, null, null);
        if (outcome?["returned"] is not { } returned)
        {
            return new CaseVerdict(false, verdict.Kind, verdict.Kind.StartsWith("threw", StringComparison.Ordinal)
                ? $"{input.Size}-byte request: the server got all of it and answered, but {verdict.Detail}; Shutdown(SocketShutdown.Send) ends only the sending side, Close ends both"
                : $"{input.Size}-byte request: {verdict.Detail}");
        }

        var got = returned.GetValueKind() == System.Text.Json.JsonValueKind.String ? Convert.FromBase64String((string)returned!) : [];
        return got.Length == length && Convert.ToHexString(SHA256.HashData(got)) == (string?)seen?["sha256"] ? CaseVerdict.Pass
            : new CaseVerdict(false, "wrong reply", got.Length == length
                ? $"{input.Size}-byte request: got {got.Length} bytes, as many as the reply, but other bytes"
                : $"{input.Size}-byte request: the reply was {length} bytes in {input.Pieces} pieces, got {got.Length}; read until the server closes (a receive returns 0)");
    }

    /// <summary>The request of a case: <paramref name="size"/> bytes that are not valid UTF-8.</summary>
    internal static byte[] Request(int size) => [.. Enumerable.Range(0, size).Select(i => (byte)(0x80 + (i * 7 % 128)))];

    // A digest of the request (so it must have arrived whole) and random bytes (so the client must read them).
    private static byte[] Reply(byte[] request) => [.. SHA256.HashData(request), .. RandomNumberGenerator.GetBytes(2000 + request.Length)];
}
