using System.Text.Json.Nodes;

namespace NetCourse;

/// <summary>How one case came out, judged: passed or not, a short kind fit for a hidden case, and a detail for a practice case.</summary>
/// <param name="Passed">True when the outcome met the expectation.</param>
/// <param name="Kind">"passed", "wrong value", "threw X", "timed out", "not implemented yet", "no exception".</param>
/// <param name="Detail">What was expected and what came back; shown for practice cases only.</param>
internal sealed record CaseVerdict(bool Passed, string Kind, string Detail)
{
    /// <summary>A passed case.</summary>
    public static readonly CaseVerdict Pass = new(true, "passed", "passed");
}

/// <summary>
/// Runs the learner's code on one input under a deadline and records what happened as JSON (<c>{"returned": value}</c>,
/// <c>{"threw": "Type", "types": [...], "message": "..."}</c> or <c>{"timedOut": seconds}</c>), and judges such an outcome
/// against an expected value or rejection. The kernel only runs; judging at grading happens in the course command.
/// </summary>
internal static class Outcomes
{
    /// <summary>
    /// Runs <paramref name="call"/>, which returns the JSON of its value, with <paramref name="timeout"/>. What the call
    /// throws is its outcome, a <see cref="TimeoutException"/> of its own included; only the deadline times it out.
    /// </summary>
    public static async Task<JsonObject> RunAsync(Func<CancellationToken, Task<JsonNode?>> call, TimeSpan timeout)
    {
        try
        {
            return await Deadline.RunAsync("the case", timeout, async token =>
            {
                try
                {
                    return new JsonObject { ["returned"] = await Task.Run(() => call(token), token).WaitAsync(token).ConfigureAwait(false) };
                }
                catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    return Threw(e);
                }
            }).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return new JsonObject { ["timedOut"] = timeout.TotalSeconds };
        }
    }

    /// <summary>The outcome of an exception: its type, the names of the types it derives from, its message.</summary>
    public static JsonObject Threw(Exception error)
    {
        var types = new JsonArray();
        for (var type = error.GetType(); type is not null; type = type.BaseType)
        {
            types.Add(type.Name);
        }

        return new JsonObject { ["threw"] = error.GetType().Name, ["types"] = types, ["message"] = error.Message };
    }

    /// <summary>
    /// Judges an outcome: with <paramref name="rejects"/> (<c>{"exception": "ArgumentException", "naming": "8"}</c>) it must
    /// have thrown that type, or one derived from it, naming the text; otherwise it must have returned a value that is the
    /// same JSON as <paramref name="expected"/>.
    /// </summary>
    public static CaseVerdict Judge(JsonNode? outcome, JsonNode? expected, JsonNode? rejects)
    {
        var expectation = rejects is null ? ProbeJson.Show(expected) : $"{(string?)rejects["exception"]} naming \"{(string?)rejects["naming"]}\"";
        if (outcome is not JsonObject o)
        {
            return new CaseVerdict(false, "no outcome", $"expected {expectation}, got no outcome");
        }

        if (o["timedOut"] is { } seconds)
        {
            return new CaseVerdict(false, "timed out", $"did not finish within {seconds} s");
        }

        if (o["threw"] is { } thrown)
        {
            var name = (string?)thrown ?? "an exception";
            var message = (string?)o["message"] ?? "";
            if (name == nameof(NotImplementedException))
            {
                return new CaseVerdict(false, "not implemented yet", $"not implemented yet: {message}");
            }

            if (rejects is not null && Rejected(o, rejects))
            {
                return CaseVerdict.Pass;
            }

            return new CaseVerdict(false, $"threw {name}", rejects is null && expected is null ? $"threw {name}: {message}" : $"expected {expectation}, threw {name}: {message}");
        }

        if (!o.ContainsKey("returned"))
        {
            return new CaseVerdict(false, "no outcome", $"expected {expectation}, got no outcome");
        }

        var got = o["returned"];
        return rejects is not null ? new CaseVerdict(false, "no exception", $"expected {expectation}, got {ProbeJson.Show(got)}")
            : ProbeJson.Same(got, expected) ? CaseVerdict.Pass
            : new CaseVerdict(false, "wrong value", $"expected {expectation}, got {ProbeJson.Show(got)}");
    }

    private static bool Rejected(JsonObject outcome, JsonNode rejects)
    {
        var type = (string?)rejects["exception"];
        var naming = (string?)rejects["naming"];
        return type is not null && naming is not null
            && outcome["types"] is JsonArray types && types.Any(t => (string?)t == type)
            && ((string?)outcome["message"] ?? "").Contains(naming, StringComparison.Ordinal);
    }
}
