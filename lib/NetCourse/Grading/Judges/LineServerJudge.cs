using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace NetCourse;

/// <summary>
/// 13.2: the learner's handler answers each line of UTF-8 text ending in '\n' with the line upper-cased
/// (<see cref="string.ToUpperInvariant"/>) and a '\n'; a last line without '\n' is answered the same way once the client
/// half-closes, and then the handler returns so the connection closes. A case is the text, the byte offsets at which the
/// judge cuts it into separate sends (possibly inside a character), and how many clients send it at once (beside one more
/// client that connects and never sends).
/// </summary>
internal sealed class LineServerJudge() : SocketJudge<Func<Socket, CancellationToken, Task>, (string Text, int[] Cuts, int Clients)>("13.2")
{
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(3);

    internal override bool LearnerServes => true;

    internal override async Task<IAsyncDisposable> StartLearnerAsync(Func<Socket, CancellationToken, Task> subject, CancellationToken cancellationToken) =>
        await TcpServer.StartAsync($"exercise-{Exercise}", subject, cancellationToken: cancellationToken).ConfigureAwait(false);

    internal override IPEndPoint EndPointOf(IAsyncDisposable server) => ((TcpServer)server).EndPoint;

    private protected override async Task<JsonNode?> Visit((string Text, int[] Cuts, int Clients) input, IPEndPoint learner, CancellationToken cancellationToken)
    {
        using var idle = input.Clients > 1 ? await SocketClient.ConnectAsync(learner, cancellationToken: cancellationToken).ConfigureAwait(false) : null;
        var clients = await Task.WhenAll(Enumerable.Range(0, Math.Max(1, input.Clients)).Select(_ => OneClientAsync(input, learner, cancellationToken))).ConfigureAwait(false);
        return new JsonObject { ["replies"] = new JsonArray([.. clients]) };
    }

    private protected override CaseVerdict Judge((string Text, int[] Cuts, int Clients) input, JsonNode? seen, JsonNode? outcome)
    {
        var sent = $"sent {Shown(input.Text)} in {input.Cuts.Length + 1} piece(s){(input.Clients > 1 ? $" from {input.Clients} clients at once" : "")}";
        if (Error(seen) is { } error)
        {
            return new CaseVerdict(false, "no exchange", $"{sent}: {error}");
        }

        var expected = Expected(input.Text);
        if (seen?["replies"] is not JsonArray { Count: > 0 } replies)
        {
            return new CaseVerdict(false, "no exchange", $"{sent}: the judge saw no connection");
        }

        foreach (var reply in replies)
        {
            var got = (string?)reply?["got"] ?? "";
            if ((bool?)reply?["closed"] != true)
            {
                return new CaseVerdict(false, "never closed", $"{sent}, then half-closed: the handler did not close the connection within {CloseWait.TotalSeconds:0} s "
                    + $"(got {Shown(got)} so far); once a receive returns 0, answer what is left and return");
            }

            if (got != expected)
            {
                return new CaseVerdict(false, "wrong reply", $"{sent}: expected {Shown(expected)}, got {Shown(got)}");
            }
        }

        return CaseVerdict.Pass;
    }

    // Silence is the right reply to no text, but a handler that answers no line at all (a stub that throws) earns nothing for it.
    internal override IReadOnlyList<CaseVerdict> JudgeAll(IReadOnlyList<JsonNode?> inputs, IReadOnlyList<JsonNode?> seen, IReadOnlyList<JsonNode?> outcomes)
    {
        var verdicts = base.JudgeAll(inputs, seen, outcomes);
        var texts = inputs.Select(i => ProbeJson.FromNode<(string Text, int[] Cuts, int Clients)>(i, $"A case of {Exercise}").Text).ToList();
        var answered = texts.Where((text, i) => Expected(text).Length > 0 && verdicts[i].Passed).Any();
        return answered ? verdicts
            : [.. verdicts.Select((v, i) => v.Passed && Expected(texts[i]).Length == 0
                ? new CaseVerdict(false, "never answered", "sent nothing and got nothing back, which is right here, but the handler answered no line at all")
                : v)];
    }

    /// <summary>The whole reply to <paramref name="text"/>: each line upper-cased with a '\n', a last line without '\n' included.</summary>
    internal static string Expected(string text)
    {
        var lines = text.Split('\n');
        var reply = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            if (i < lines.Length - 1 || lines[i].Length > 0)
            {
                reply.Append(lines[i].ToUpperInvariant()).Append('\n');
            }
        }

        return reply.ToString();
    }

    private static async Task<JsonNode?> OneClientAsync((string Text, int[] Cuts, int Clients) input, IPEndPoint learner, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(input.Text);
        using var socket = await SocketClient.ConnectAsync(learner, cancellationToken: cancellationToken).ConfigureAwait(false);
        var replies = new List<byte>();
        var receiving = ReceiveUntilClosedAsync(socket, replies, CloseWait, cancellationToken);
        var at = 0;
        try
        {
            foreach (var cut in input.Cuts.Where(c => c > 0 && c < bytes.Length).Order().Append(bytes.Length))
            {
                if (cut > at)
                {
                    await SocketClient.SendAllAsync(socket, bytes.AsMemory(at, cut - at), cancellationToken: cancellationToken).ConfigureAwait(false);
                    at = cut;
                    await Task.Delay(15, cancellationToken).ConfigureAwait(false); // so that each piece arrives on its own
                }
            }

            socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // The handler closed early; what came back is judged.
        }

        var closed = await receiving.ConfigureAwait(false);
        return new JsonObject { ["got"] = Encoding.UTF8.GetString([.. replies]), ["closed"] = closed };
    }
}
