using System.Net;
using System.Text.Json.Nodes;

namespace NetCourse;

/// <summary>
/// The judge's side of a socket exercise as a process of its own (the course command's <c>judge</c> verb): reads one JSON
/// request line, <c>{"cases": [...], "port": n}</c>, and writes JSON lines: for a learner's server, <c>{"seen": [...]}</c>
/// after visiting 127.0.0.1:n once per case; for a learner's client, first <c>{"servers": [{"port": n, "given": ...}, ...]}</c>
/// (one judge server per case, and what its client is told besides the port), then, once a second line on the input says
/// the clients are done (or the input ends), <c>{"seen": [...]}</c>.
/// </summary>
internal static class JudgePeer
{
    // The longest a grader waits for a probe cell (its longest cell timeout): the peer waits no longer for the clients.
    private static readonly TimeSpan ClientsLimit = TimeSpan.FromMinutes(10);

    /// <summary>Serves one request for <paramref name="judge"/>, read from <paramref name="input"/>.</summary>
    /// <exception cref="InvalidDataException">The request is missing or not the JSON described above.</exception>
    public static async Task RunAsync(SocketJudge judge, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(judge);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var request = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException("The judge reads its request as one JSON line on standard input; it got none.");
        var root = JsonNode.Parse(request) as JsonObject ?? throw new InvalidDataException("The judge's request must be a JSON object.");
        var cases = root["cases"] as JsonArray ?? throw new InvalidDataException("The judge's request has no \"cases\" array.");
        var seen = new JsonArray();
        if (judge.LearnerServes)
        {
            var learner = new IPEndPoint(IPAddress.Loopback, (int?)root["port"] ?? throw new InvalidDataException("The judge's request has no \"port\"."));
            foreach (var item in cases)
            {
                seen.Add(await judge.VisitSafelyAsync(item?.DeepClone(), learner, cancellationToken).ConfigureAwait(false));
            }
        }
        else
        {
            var servers = new List<JudgeServer>();
            try
            {
                foreach (var item in cases)
                {
                    servers.Add(await judge.ServeAsync(item?.DeepClone(), cancellationToken).ConfigureAwait(false));
                }

                await Line(output, new JsonObject
                {
                    ["servers"] = new JsonArray([.. servers.Select(s => (JsonNode)new JsonObject { ["port"] = s.EndPoint.Port, ["given"] = s.Given?.DeepClone() })]),
                }).ConfigureAwait(false);
                await ClientsDoneAsync(input, cancellationToken).ConfigureAwait(false);
                foreach (var server in servers)
                {
                    seen.Add(await judge.SeenAsync(server, waitFully: true).ConfigureAwait(false));
                }
            }
            finally
            {
                foreach (var server in servers)
                {
                    await server.Owner.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        await Line(output, new JsonObject { ["seen"] = seen }).ConfigureAwait(false);
    }

    private static async Task ClientsDoneAsync(TextReader input, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(ClientsLimit);
        try
        {
            await input.ReadLineAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Judged as seen so far: a grader that waited this long has given up on the probe.
        }
    }

    private static async Task Line(TextWriter output, JsonObject line)
    {
        await output.WriteLineAsync(line.ToJsonString()).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }
}
