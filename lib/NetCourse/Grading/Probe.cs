using System.Net;
using System.Text.Json.Nodes;

namespace NetCourse;

/// <summary>
/// What the course command runs in a learner's notebook at grading, in place of the check cells: the learner's code on
/// inputs only, returning what happened as plain JSON (the cell's own value, <c>application/json</c>). Expected values
/// never enter the notebook; the course command judges outside it.
/// </summary>
public static class Probe
{
    private static Func<Task<(Exception? Error, string? Problem)>>? _stopServer;

    static Probe() => ProbeResult.RegisterFormatter();

    /// <summary>
    /// Runs <paramref name="answer"/> on each input of <paramref name="inputs"/> (a JSON array), each within
    /// <paramref name="secondsPerInput"/>: <c>{"outcomes": [{"returned": value} | {"threw": "Type", "types": [...], "message": "..."} | {"timedOut": s}, ...]}</c>.
    /// </summary>
    /// <exception cref="InvalidDataException">The inputs are not a JSON array of <typeparamref name="TIn"/>.</exception>
    public static ProbeResult Call<TIn, TOut>(Func<TIn, TOut> answer, string inputs, double secondsPerInput = 2)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var outcomes = new JsonArray();
        foreach (var input in Array(inputs, "inputs"))
        {
            outcomes.Add(Run(answer, ProbeJson.FromNode<TIn>(input, $"Input {ProbeJson.Show(input, 40)}"), TimeSpan.FromSeconds(secondsPerInput)));
        }

        return new ProbeResult(new JsonObject { ["outcomes"] = outcomes }.ToJsonString());
    }

    /// <summary>Starts the learner's server (<paramref name="subject"/>) for <paramref name="judge"/> on 127.0.0.1, port 0: <c>{"port": n}</c>.</summary>
    public static async Task<ProbeResult> ServeAsync<TSubject, TCase>(SocketJudge<TSubject, TCase> judge, TSubject subject)
    {
        ArgumentNullException.ThrowIfNull(judge);
        ArgumentNullException.ThrowIfNull(subject);
        await StopAsync().ConfigureAwait(false);
        var server = await judge.StartLearnerAsync(subject, CancellationToken.None).ConfigureAwait(false);
        _stopServer = () => judge.StopLearnerAsync(server);
        return new ProbeResult(new JsonObject { ["port"] = judge.EndPointOf(server).Port }.ToJsonString());
    }

    /// <summary>
    /// Stops the server started by <see cref="ServeAsync"/>, if any: <c>{"stopped": true|false}</c>, with
    /// <c>"unfinished": "message"</c> when the learner's handler threw <see cref="NotImplementedException"/>.
    /// </summary>
    public static async Task<ProbeResult> StopAsync()
    {
        var stop = Interlocked.Exchange(ref _stopServer, null);
        var result = new JsonObject { ["stopped"] = stop is not null };
        if (stop is not null && (await stop().ConfigureAwait(false)).Error is NotImplementedException unfinished)
        {
            result["unfinished"] = unfinished.Message;
        }

        return new ProbeResult(result.ToJsonString());
    }

    /// <summary>
    /// Runs the learner's client (<paramref name="subject"/>) once per case of <paramref name="cases"/> (a JSON array)
    /// against the judge's server on 127.0.0.1 at the port of the matching entry of <paramref name="servers"/>
    /// (<c>[{"port": n, "given": ...}, ...]</c>, given being what the client is told besides): <c>{"outcomes": [...]}</c>
    /// as for <see cref="Call"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The cases or servers are not JSON arrays of the same length.</exception>
    public static async Task<ProbeResult> ClientAsync<TSubject, TCase>(SocketJudge<TSubject, TCase> judge, TSubject subject, string cases, string servers)
    {
        ArgumentNullException.ThrowIfNull(judge);
        ArgumentNullException.ThrowIfNull(subject);
        var inputs = Array(cases, "cases");
        var judges = Array(servers, "servers");
        if (inputs.Count != judges.Count)
        {
            throw new InvalidDataException($"{inputs.Count} cases but {judges.Count} servers.");
        }

        var outcomes = new JsonArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = ProbeJson.FromNode<TCase>(inputs[i], $"Case {ProbeJson.Show(inputs[i], 40)}");
            var server = new IPEndPoint(IPAddress.Loopback, ProbeJson.FromNode<int>(judges[i]?["port"], "A server's port"));
            var given = judges[i]?["given"];
            outcomes.Add(await Outcomes.RunAsync(token => judge.CallAsync(subject, input, server, given, token), judge.CaseTimeout).ConfigureAwait(false));
        }

        return new ProbeResult(new JsonObject { ["outcomes"] = outcomes }.ToJsonString());
    }

    /// <summary>Runs a function on one input under a deadline.</summary>
    internal static JsonObject Run<TIn, TOut>(Func<TIn, TOut> answer, TIn input, TimeSpan timeout) =>
        Outcomes.RunAsync(_ => Task.FromResult(ProbeJson.ToNode(answer(input))), timeout).GetAwaiter().GetResult();

    /// <summary>One case of a client exercise in one process (practice): the judge's server, then the learner's client against it.</summary>
    internal static async Task<(JsonNode? Seen, JsonNode? Outcome)> RunClientAsync<TSubject, TCase>(
        SocketJudge<TSubject, TCase> judge, TSubject subject, TCase input, JsonNode? inputJson)
    {
        var server = await judge.ServeAsync(inputJson, CancellationToken.None).ConfigureAwait(false);
        await using (server.Owner.ConfigureAwait(false))
        {
            var outcome = await Outcomes.RunAsync(token => judge.CallAsync(subject, input, server.EndPoint, server.Given, token), judge.CaseTimeout).ConfigureAwait(false);
            return (await judge.SeenAsync(server, outcome.ContainsKey("returned")).ConfigureAwait(false), outcome);
        }
    }

    private static JsonArray Array(string json, string what)
    {
        ArgumentNullException.ThrowIfNull(json, what);
        try
        {
            return JsonNode.Parse(json) as JsonArray ?? throw new InvalidDataException($"The {what} must be a JSON array, not {json}.");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidDataException($"The {what} are not JSON: {e.Message}", e);
        }
    }
}
