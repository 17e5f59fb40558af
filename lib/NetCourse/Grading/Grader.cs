using System.Collections;
using System.Globalization;

namespace NetCourse;

/// <summary>
/// Checks a learner's function or handler against cases: practice cases given in the notebook, then the hidden cases
/// of the same exercise when the instructor's case file is present. Each case has a deadline; whatever the learner's
/// code throws becomes a message, never a crash of the check cell.
/// </summary>
public static class Grader
{
    /// <summary>How long one case may run.</summary>
    public static TimeSpan CaseTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Checks a function exercise: each case's output must equal the expected value (sequences element by element), or,
    /// where the case expects a <see cref="Rejection"/>, the function must throw it.
    /// </summary>
    public static GradeReport Check<TIn, TOut>(Exercise exercise, Func<TIn, TOut> answer, params (TIn Input, Expected<TOut> Expected)[] practice)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(practice);
        var cases = practice.Select(c => (c.Input, c.Expected, Hidden: false))
            .Concat(HiddenCases.For<TIn, TOut>(exercise).Select(c => (c.Input, c.Expected, Hidden: true)))
            .ToList();
        var results = new List<CaseResult>();
        for (var i = 0; i < cases.Count; i++)
        {
            var (input, expected, hidden) = cases[i];
            var (passed, message) = RunCase(() => Judge(answer, input, expected, hidden));
            results.Add(new CaseResult(i + 1, hidden, passed, passed ? exercise.Points / cases.Count : 0, message));
        }

        return Finish(exercise, results);
    }

    /// <summary>
    /// Checks a behaviour exercise: <paramref name="scenario"/> exercises the learner's <paramref name="subject"/> with
    /// one case input and returns null when it behaved, or a message saying what went wrong.
    /// </summary>
    public static async Task<GradeReport> CheckAsync<TSubject, TIn>(
        Exercise exercise, TSubject subject, Func<TSubject, TIn, CancellationToken, Task<string?>> scenario, params TIn[] practice)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(practice);
        var cases = practice.Select(input => (Input: input, Hidden: false))
            .Concat(HiddenCases.InputsFor<TIn>(exercise).Select(input => (Input: input, Hidden: true)))
            .ToList();
        var results = new List<CaseResult>();
        for (var i = 0; i < cases.Count; i++)
        {
            var (input, hidden) = cases[i];
            var (passed, message) = await RunCaseAsync(ct => scenario(subject, input, ct)).ConfigureAwait(false);
            if (!passed && hidden)
            {
                message = $"a hidden scenario failed: {message}";
            }

            results.Add(new CaseResult(i + 1, hidden, passed, passed ? exercise.Points / cases.Count : 0, message));
        }

        return Finish(exercise, results);
    }

    private static GradeReport Finish(Exercise exercise, List<CaseResult> results)
    {
        var report = new GradeReport(exercise, results);
        if (Environment.GetEnvironmentVariable("NETCOURSE_RESULTS") is { Length: > 0 } path)
        {
            File.AppendAllText(path, report.ToJsonLine() + Environment.NewLine);
        }

        return report;
    }

    // Null when the answer met the expectation; otherwise what went wrong, never showing a hidden expected value.
    private static string? Judge<TIn, TOut>(Func<TIn, TOut> answer, TIn input, Expected<TOut> expected, bool hidden)
    {
        TOut actual;
        try
        {
            actual = answer(input);
        }
        catch (Exception e) when (expected.Rejection is { } rejection && e is not NotImplementedException)
        {
            return rejection.Matches(e) ? null
                : hidden ? $"threw {e.GetType().Name}: {e.Message}"
                : $"for {Show(input)} expected {rejection}, threw {e.GetType().Name}: {e.Message}";
        }

        if (hidden)
        {
            return expected.Rejection is null && Same(actual, expected.Value) ? null : $"wrong result for a hidden input (got {Show(actual)})";
        }

        return expected.Rejection is { } expectedRejection ? $"for {Show(input)} expected {expectedRejection}, got {Show(actual)}"
            : Same(actual, expected.Value) ? null
            : $"for {Show(input)} expected {Show(expected.Value)}, got {Show(actual)}";
    }

    private static (bool Passed, string Message) RunCase(Func<string?> run) =>
        RunCaseAsync(_ => Task.FromResult(run())).GetAwaiter().GetResult();

    private static async Task<(bool Passed, string Message)> RunCaseAsync(Func<CancellationToken, Task<string?>> run)
    {
        using var deadline = new CancellationTokenSource(CaseTimeout);
        try
        {
            var failure = await Task.Run(() => run(deadline.Token), deadline.Token).WaitAsync(CaseTimeout).ConfigureAwait(false);
            return failure is null ? (true, "passed") : (false, failure);
        }
        catch (NotImplementedException e)
        {
            return (false, $"not implemented yet: {e.Message}");
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            return (false, $"did not finish within {CaseTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception e)
        {
            return (false, $"threw {e.GetType().Name}: {e.Message}");
        }
    }

    private static bool Same<T>(T actual, T expected) =>
        actual is IEnumerable a && expected is IEnumerable e && actual is not string
            ? a.Cast<object?>().SequenceEqual(e.Cast<object?>())
            : EqualityComparer<T>.Default.Equals(actual, expected);

    private static string Show<T>(T value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(x => Convert.ToString(x, CultureInfo.InvariantCulture))) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
