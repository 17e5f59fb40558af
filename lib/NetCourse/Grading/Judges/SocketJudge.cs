using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace NetCourse;

/// <summary>
/// The judge of a socket exercise: library code that plays the other end of the learner's server or client and says
/// whether each case behaved. In the notebook it runs beside the learner's code for practice; at grading the course
/// command runs the same judge outside the notebook's process and looks only at what it saw on the wire.
/// </summary>
public abstract class SocketJudge
{
    private protected SocketJudge(string exercise) => Exercise = exercise;

    /// <summary>The exercise id this judge belongs to.</summary>
    public string Exercise { get; }

    /// <summary>True when the learner writes the server and the judge connects to it; false when the learner writes the client.</summary>
    internal abstract bool LearnerServes { get; }

    /// <summary>How long one case may take.</summary>
    internal virtual TimeSpan CaseTimeout => TimeSpan.FromSeconds(5);

    /// <summary>The judge's side of one case against the learner's server at <paramref name="learner"/>: what it saw, as JSON.</summary>
    internal abstract Task<JsonNode?> VisitAsync(JsonNode? input, IPEndPoint learner, CancellationToken cancellationToken);

    /// <summary>Starts the judge's server for a learner's client: its end point, and what it saw once the client is done.</summary>
    internal abstract Task<(TcpServer Server, Task<JsonNode?> Seen)> ServeAsync(JsonNode? input, CancellationToken cancellationToken);

    /// <summary>Judges a case from its input, what the judge saw and (for a client) what the learner's client returned.</summary>
    internal abstract CaseVerdict Judge(JsonNode? input, JsonNode? seen, JsonNode? outcome);

    /// <summary>Judges every case of one run; a judge may weigh cases against each other (see the UDP judge).</summary>
    internal virtual IReadOnlyList<CaseVerdict> JudgeAll(IReadOnlyList<JsonNode?> inputs, IReadOnlyList<JsonNode?> seen, IReadOnlyList<JsonNode?> outcomes) =>
        [.. inputs.Select((input, i) => Judge(input, seen.ElementAtOrDefault(i), outcomes.ElementAtOrDefault(i)))];

    /// <summary>Runs the judge's side of one case, turning a failure of the exchange into <c>{"error": "..."}</c>.</summary>
    internal async Task<JsonNode?> VisitSafelyAsync(JsonNode? input, IPEndPoint learner, CancellationToken cancellationToken)
    {
        try
        {
            return await Deadline.RunAsync($"case {ProbeJson.Show(input, 40)}", CaseTimeout,
                token => new ValueTask<JsonNode?>(VisitAsync(input, learner, token)), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or TimeoutException or IOException or InvalidOperationException)
        {
            return new JsonObject { ["error"] = e.Message };
        }
    }

    /// <summary>
    /// Waits for what the judge's server saw, or <c>{"error": "..."}</c> when the client never came or the exchange failed;
    /// the full case timeout when <paramref name="waitFully"/>, else a second (the client already gave up).
    /// </summary>
    internal async Task<JsonNode?> SeenAsync(Task<JsonNode?> seen, bool waitFully)
    {
        var wait = waitFully ? CaseTimeout : TimeSpan.FromSeconds(1);
        try
        {
            return await seen.WaitAsync(wait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return new JsonObject { ["error"] = $"no client finished an exchange within {wait.TotalSeconds:0} s" };
        }
        catch (Exception e) when (e is SocketException or IOException or InvalidOperationException or OperationCanceledException)
        {
            return new JsonObject { ["error"] = e.Message };
        }
    }

    private protected static string? Error(JsonNode? seen) => (string?)seen?["error"];
}

/// <summary>A socket judge for a learner's <typeparamref name="TSubject"/> (a handler or a client) and cases of <typeparamref name="TCase"/>.</summary>
/// <typeparam name="TSubject">What the learner writes.</typeparam>
/// <typeparam name="TCase">One case's input.</typeparam>
public abstract class SocketJudge<TSubject, TCase> : SocketJudge
{
    private protected SocketJudge(string exercise)
        : base(exercise)
    {
    }

    /// <summary>Starts the learner's server with <paramref name="subject"/> on 127.0.0.1, port 0.</summary>
    internal virtual Task<IAsyncDisposable> StartLearnerAsync(TSubject subject, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"In exercise {Exercise} the learner writes a client, not a server.");

    /// <summary>The end point of a server started by <see cref="StartLearnerAsync"/>.</summary>
    internal virtual IPEndPoint EndPointOf(IAsyncDisposable server) => throw new NotSupportedException();

    /// <summary>Runs the learner's client against the judge's server at <paramref name="judge"/>; returns what the client returned, as JSON.</summary>
    internal virtual Task<JsonNode?> CallAsync(TSubject subject, TCase input, IPEndPoint judge, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"In exercise {Exercise} the learner writes a server, not a client.");

    /// <inheritdoc/>
    internal override Task<JsonNode?> VisitAsync(JsonNode? input, IPEndPoint learner, CancellationToken cancellationToken) =>
        Visit(ProbeJson.FromNode<TCase>(input, $"A case of {Exercise}"), learner, cancellationToken);

    /// <inheritdoc/>
    internal override Task<(TcpServer Server, Task<JsonNode?> Seen)> ServeAsync(JsonNode? input, CancellationToken cancellationToken) =>
        Serve(ProbeJson.FromNode<TCase>(input, $"A case of {Exercise}"), cancellationToken);

    /// <inheritdoc/>
    internal override CaseVerdict Judge(JsonNode? input, JsonNode? seen, JsonNode? outcome) =>
        Judge(ProbeJson.FromNode<TCase>(input, $"A case of {Exercise}"), seen, outcome);

    private protected virtual Task<JsonNode?> Visit(TCase input, IPEndPoint learner, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    private protected virtual Task<(TcpServer Server, Task<JsonNode?> Seen)> Serve(TCase input, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    private protected abstract CaseVerdict Judge(TCase input, JsonNode? seen, JsonNode? outcome);

    /// <summary>A judge server that serves one connection with <paramref name="exchange"/> and reports what that returned.</summary>
    private protected async Task<(TcpServer Server, Task<JsonNode?> Seen)> OneConnectionAsync(
        Func<Socket, CancellationToken, Task<JsonNode?>> exchange, CancellationToken cancellationToken)
    {
        var seen = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await TcpServer.StartAsync($"judge-{Exercise}-{Guid.NewGuid():N}", async (socket, token) =>
        {
            try
            {
                seen.TrySetResult(await exchange(socket, token).ConfigureAwait(false));
            }
            catch (Exception e)
            {
                seen.TrySetResult(new JsonObject { ["error"] = e.Message });
            }
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return (server, seen.Task);
    }
}
