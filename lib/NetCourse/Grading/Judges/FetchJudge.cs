using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace NetCourse;

/// <summary>
/// 12.1: the learner's client sends a request and reads the whole reply; the judge's server reads the request, answers it
/// upper-cased three times in several pieces, and closes.
/// </summary>
internal sealed class FetchJudge() : SocketJudge<Func<(IPEndPoint Server, string Request), Task<string>>, (string Request, int Pieces)>("12.1")
{
    internal override bool LearnerServes => false;

    internal override async Task<JsonNode?> CallAsync(
        Func<(IPEndPoint Server, string Request), Task<string>> subject, (string Request, int Pieces) input, IPEndPoint judge, JsonNode? given, CancellationToken cancellationToken) =>
        ProbeJson.ToNode(await subject((judge, input.Request)).ConfigureAwait(false));

    private protected override Task<JudgeServer> Serve((string Request, int Pieces) input, CancellationToken cancellationToken) =>
        OneConnectionAsync(async (socket, token) =>
        {
            var request = Encoding.UTF8.GetString(await SocketClient.ReceiveUntilClosedAsync(socket, TimeSpan.FromSeconds(3), cancellationToken: token).ConfigureAwait(false));
            var reply = Encoding.UTF8.GetBytes(Reply(request));
            var piece = Math.Max(1, reply.Length / Math.Max(1, input.Pieces));
            for (var i = 0; i < reply.Length; i += piece)
            {
                await SocketClient.SendAllAsync(socket, reply.AsMemory(i, Math.Min(piece, reply.Length - i)), cancellationToken: token).ConfigureAwait(false);
                await Task.Delay(20, token).ConfigureAwait(false);
            }

            return new JsonObject { ["request"] = request };
        }, cancellationToken);

    private protected override CaseVerdict Judge((string Request, int Pieces) input, JsonNode? seen, JsonNode? outcome)
    {
        var expected = Reply(input.Request);
        var verdict = Outcomes.Judge(outcome, expected, null);
        if (!verdict.Passed)
        {
            return verdict.Kind == "wrong value"
                ? new CaseVerdict(false, "wrong value", $"expected {expected.Length} characters, got {((string?)outcome?["returned"])?.Length ?? 0}")
                : verdict;
        }

        return (string?)seen?["request"] == input.Request ? CaseVerdict.Pass
            : new CaseVerdict(false, "wrong request", $"the server did not receive the request \"{input.Request}\" ({Error(seen) ?? "it received another"})");
    }

    private static string Reply(string request) => string.Concat(Enumerable.Repeat(request.ToUpperInvariant(), 3));
}
