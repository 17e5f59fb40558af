using System.Net;
using System.Text.Json.Nodes;

namespace NetCourse;

/// <summary>
/// The judge's side of a socket exercise as a process of its own (the course command's <c>judge</c> verb): reads one JSON
/// request, <c>{"cases": [...], "port": n}</c>, and writes JSON lines: for a learner's server, <c>{"seen": [...]}</c>
/// after visiting 127.0.0.1:n once per case; for a learner's client, first <c>{"ports": [...]}</c> (one judge server per
/// case), then <c>{"seen": [...]}</c> once each has served its one connection or given up.
/// </summary>
internal static class JudgePeer
{
    /// <summary>Serves one request for <paramref name="judge"/>.</summary>
    /// <exception cref="InvalidDataException">The request is not the JSON described above.</exception>
    public static async Task RunAsync(SocketJudge judge, string request, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(judge);
        ArgumentNullException.ThrowIfNull(output);
        var root = JsonNode.Parse(request) as JsonObject ?? throw new InvalidDataException("The judge's request must be a JSON object.");
        var cases = root["cases"] as JsonArray ?? throw new InvalidDataException("The judge's request has no \"cases\" array.");
        var seen = new JsonArray();
        if (judge.LearnerServes)
        {
            var learner = new IPEndPoint(IPAddress.Loopback, (int?)root["port"] ?? throw new InvalidDataException("The judge's request has no \"port\"."));
            foreach (var input in cases)
            {
                seen.Add(await judge.VisitSafelyAsync(input?.DeepClone(), learner, cancellationToken).ConfigureAwait(false));
            }
        }
        else
        {
            var servers = new List<(TcpServer Server, Task<JsonNode?> Seen)>();
            try
            {
                foreach (var input in cases)
                {
                    servers.Add(await judge.ServeAsync(input?.DeepClone(), cancellationToken).ConfigureAwait(false));
                }

                await Line(output, new JsonObject { ["ports"] = new JsonArray([.. servers.Select(s => (JsonNode)s.Server.EndPoint.Port)]) }).ConfigureAwait(false);
                foreach (var (_, served) in servers)
                {
                    seen.Add(await judge.SeenAsync(served, waitFully: true).ConfigureAwait(false));
                }
            }
            finally
            {
                foreach (var (server, _) in servers)
                {
                    await server.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        await Line(output, new JsonObject { ["seen"] = seen }).ConfigureAwait(false);
    }

    private static async Task Line(TextWriter output, JsonObject line)
    {
        await output.WriteLineAsync(line.ToJsonString()).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }
}
