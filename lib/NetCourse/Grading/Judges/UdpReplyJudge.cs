using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace NetCourse;

/// <summary>09.1: the learner's handler answers datagrams; the judge sends one and waits for the reply, or for none.</summary>
internal sealed class UdpReplyJudge() : SocketJudge<Func<byte[], byte[]?>, (string Send, string? Expect)>("09.1")
{
    private static readonly TimeSpan ReplyWait = TimeSpan.FromSeconds(1);

    internal override bool LearnerServes => true;

    internal override async Task<IAsyncDisposable> StartLearnerAsync(Func<byte[], byte[]?> subject, CancellationToken cancellationToken) =>
        await UdpServer.StartAsync($"exercise-{Exercise}", subject).ConfigureAwait(false);

    internal override IPEndPoint EndPointOf(IAsyncDisposable server) => ((UdpServer)server).EndPoint;

    private protected override async Task<JsonNode?> Visit((string Send, string? Expect) input, IPEndPoint learner, CancellationToken cancellationToken)
    {
        using var socket = UdpClientSteps.Open();
        UdpClientSteps.Send(socket, learner, Encoding.UTF8.GetBytes(input.Send));
        var reply = await UdpClientSteps.ReceiveAsync(socket, ReplyWait, cancellationToken).ConfigureAwait(false);
        return new JsonObject { ["reply"] = reply is null ? null : Encoding.UTF8.GetString(reply) };
    }

    private protected override CaseVerdict Judge((string Send, string? Expect) input, JsonNode? seen, JsonNode? outcome)
    {
        if (Error(seen) is { } error)
        {
            return new CaseVerdict(false, "no exchange", $"sent \"{input.Send}\": {error}");
        }

        var got = (string?)seen?["reply"];
        return got == input.Expect ? CaseVerdict.Pass
            : new CaseVerdict(false, "wrong reply", $"sent \"{input.Send}\": expected {Quoted(input.Expect)}, got {Quoted(got)}");
    }

    // Silence is right for some datagrams, but a handler that never replies (a stub that throws) earns nothing for it.
    internal override IReadOnlyList<CaseVerdict> JudgeAll(IReadOnlyList<JsonNode?> inputs, IReadOnlyList<JsonNode?> seen, IReadOnlyList<JsonNode?> outcomes)
    {
        var verdicts = base.JudgeAll(inputs, seen, outcomes);
        var cases = inputs.Select(i => ProbeJson.FromNode<(string Send, string? Expect)>(i, $"A case of {Exercise}")).ToList();
        var answered = cases.Select((c, i) => c.Expect is not null && verdicts[i].Passed).Any(passed => passed);
        return answered ? verdicts
            : [.. verdicts.Select((v, i) => v.Passed && cases[i].Expect is null
                ? new CaseVerdict(false, "never replied", $"sent \"{cases[i].Send}\": no reply is right here, but the handler answered no datagram at all")
                : v)];
    }

    private static string Quoted(string? reply) => reply is null ? "no reply" : $"\"{reply}\"";
}
