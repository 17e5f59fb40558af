using System.Text.Json.Nodes;

namespace NetCourse;

/// <summary>
/// The check cell of an exercise: runs the learner's function, handler or client on the practice cases given in the
/// notebook, each under a deadline, and shows a table of them. It is practice: it reads no hidden case, writes no file and
/// gives no points; the course command grades outside the notebook.
/// </summary>
public static class Grader
{
    /// <summary>How long one practice case may run.</summary>
    public static TimeSpan CaseTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Checks a function on practice cases: each output must be the expected value (compared as JSON values, so arrays
    /// element by element), or, where a case expects a <see cref="Rejection"/>, the function must throw it.
    /// </summary>
    public static PracticeReport Check<TIn, TOut>(Exercise exercise, Func<TIn, TOut> answer, params (TIn Input, Expected<TOut> Expected)[] practice)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(practice);
        var cases = new List<PracticeCase>();
        foreach (var (input, expected) in practice)
        {
            var outcome = Probe.Run(answer, input, CaseTimeout);
            var expectedJson = expected.Rejection is null ? ProbeJson.ToNode(expected.Value) : null;
            var verdict = Outcomes.Judge(outcome, expectedJson, expected.Rejection?.ToJson());
            cases.Add(new PracticeCase(cases.Count + 1, ProbeJson.ShowValue(input),
                expected.Rejection?.ToString() ?? ProbeJson.ShowValue(expected.Value), Got<TOut>(outcome), verdict.Passed));
        }

        return new PracticeReport(exercise, cases);
    }

    /// <summary>
    /// Checks a socket exercise on practice cases: <paramref name="judge"/> plays the other end of the learner's handler
    /// or client (<paramref name="subject"/>) on 127.0.0.1 and says whether each case behaved.
    /// </summary>
    public static async Task<PracticeReport> CheckAsync<TSubject, TCase>(
        Exercise exercise, TSubject subject, SocketJudge<TSubject, TCase> judge, params TCase[] practice)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(judge);
        ArgumentNullException.ThrowIfNull(practice);
        var inputs = practice.Select(c => ProbeJson.ToNode(c)).ToList();
        List<(JsonNode? Seen, JsonNode? Outcome)> results;
        string? serverProblem = null;
        if (judge.LearnerServes)
        {
            var server = await judge.StartLearnerAsync(subject, CancellationToken.None).ConfigureAwait(false);
            results = [];
            Exception? error;
            try
            {
                foreach (var input in inputs)
                {
                    results.Add((await judge.VisitSafelyAsync(input, judge.EndPointOf(server), CancellationToken.None).ConfigureAwait(false), null));
                }
            }
            finally
            {
                (error, serverProblem) = await judge.StopLearnerAsync(server).ConfigureAwait(false);
            }

            if (error is not null)
            {
                results = [.. results.Select(r => (r.Seen, (JsonNode?)Outcomes.Threw(error)))];
            }
        }
        else
        {
            results = [];
            for (var i = 0; i < practice.Length; i++)
            {
                results.Add(await Probe.RunClientAsync(judge, subject, practice[i], inputs[i]).ConfigureAwait(false));
            }
        }

        var verdicts = judge.JudgeAll(inputs, [.. results.Select(r => r.Seen)], judge.LearnerServes ? [] : [.. results.Select(r => r.Outcome)]);
        var cases = new List<PracticeCase>();
        for (var i = 0; i < practice.Length; i++)
        {
            var verdict = verdicts[i];
            if (!verdict.Passed && judge.LearnerServes && results[i].Outcome is { } handlerError)
            {
                verdict = Outcomes.Judge(handlerError, null, null); // the handler's own exception says more than what the wire showed
            }
            else if (verdict.Passed && serverProblem is not null)
            {
                verdict = new CaseVerdict(false, "server", serverProblem);
            }

            cases.Add(new PracticeCase(i + 1, ProbeJson.ShowValue(practice[i]), "", verdict.Passed ? "passed" : verdict.Detail, verdict.Passed));
        }

        return new PracticeReport(exercise, cases);
    }

    // What a practice case's function returned, written as its expected value is (a C# literal), or how it failed.
    private static string Got<TOut>(JsonObject outcome) =>
        outcome["timedOut"] is { } seconds ? $"did not finish within {seconds} s"
        : outcome["threw"] is { } thrown ? Outcomes.Judge(outcome, null, null).Detail
        : ProbeJson.ShowValue(ProbeJson.FromNode<TOut>(outcome["returned"], "The returned value"));
}
