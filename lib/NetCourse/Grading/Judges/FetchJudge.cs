using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace NetCourse;

/// <summary>
/// 12.1: the learner's client sends one request line and reads the one-line reply; the judge's server reads up to the
/// request's <c>\n</c>, answers it upper-cased three times and ended by <c>\n</c>, in several pieces, and keeps the
/// connection open until the client closes it, so a client that reads until the server closes never finishes.
/// </summary>
internal sealed class FetchJudge() : SocketJudge<Func<(IPEndPoint Server, string Request), Task<string>>, (string Request, int Pieces)>("12.1")
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(3);

    internal override bool LearnerServes => false;

    internal override async Task<JsonNode?> CallAsync(
        Func<(IPEndPoint Server, string Request), Task<string>> subject, (string Request, int Pieces) input, IPEndPoint judge, JsonNode? given, CancellationToken cancellationToken) =>
        ProbeJson.ToNode(await subject((judge, input.Request)).ConfigureAwait(false));

    private protected override Task<JudgeServer> Serve((string Request, int Pieces) input, CancellationToken cancellationToken) =>
        OneConnectionAsync(async (socket, token) =>
        {
            string? request;
            try
            {
                var lines = new LineReader(new NetworkStream(socket, ownsSocket: false));
                request = await Deadline.RunAsync("the request line", Wait, t => new ValueTask<string?>(lines.ReadAsync(t)), token).ConfigureAwait(false);
            }
            catch (InvalidDataException)
            {
                request = null;
            }

            if (request is null)
            {
                return new JsonObject { ["unterminated"] = true };
            }

            var reply = Encoding.UTF8.GetBytes(Reply(request) + "\n");
            var piece = Math.Max(1, reply.Length / Math.Max(1, input.Pieces));
            for (var i = 0; i < reply.Length; i += piece)
            {
                await SocketClient.SendAllAsync(socket, reply.AsMemory(i, Math.Min(piece, reply.Length - i)), cancellationToken: token).ConfigureAwait(false);
                await Task.Delay(20, token).ConfigureAwait(false);
            }

            var one = new byte[1];
            bool closed;
            try
            {
                closed = await SocketClient.ReceiveAsync(socket, one, Wait, token).ConfigureAwait(false) == 0;
            }
            catch (TimeoutException)
            {
                closed = false;
            }

            return new JsonObject { ["request"] = request, ["closed"] = closed };
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

        if ((bool?)seen?["unterminated"] == true)
        {
            return new CaseVerdict(false, "no request line", $"the client stopped sending before the \\n that ends its request line \"{input.Request}\"");
        }

        if ((string?)seen?["request"] != input.Request)
        {
            return new CaseVerdict(false, "wrong request", $"the server did not receive the request line \"{input.Request}\" ({Error(seen) ?? "it received another"})");
        }

        return (bool?)seen?["closed"] == true ? CaseVerdict.Pass
            : new CaseVerdict(false, "left open", $"the client did not close the connection within {Wait.TotalSeconds:0} s of the reply");
    }

    private static string Reply(string request) => string.Concat(Enumerable.Repeat(request.ToUpperInvariant(), 3));
}
