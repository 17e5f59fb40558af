using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NetCourse.Course.Kernels;
using NetCourse.Course.Notebooks;

namespace NetCourse.Course.Grading;

/// <summary>
/// Grades one submission of a lesson in its own kernel. The instructor's notebook is the template: only its solution cells
/// are replaced by the learner's, and its check cells are not run. In place of each check cell the grader sends a probe
/// cell that runs the learner's code on the hidden inputs and returns what happened as JSON; the grader judges that,
/// and for socket exercises what its own judge peer saw on the wire, outside the kernel. A cell that hangs or ends the
/// kernel costs only its exercise: a new kernel replays what ran before and grading goes on. The lesson's own cells
/// (between setup and exercises) are run only when a solution names something they define.
/// </summary>
public sealed partial class SubmissionGrader
{
    private const string JsonMime = "application/json";
    private readonly Notebook _instructor;
    private readonly GradingOptions _options;
    private readonly IReadOnlyList<ExerciseInfo> _exercises;
    private readonly IReadOnlyDictionary<string, ProbeSpec> _probes;

    /// <summary>Grades submissions of <paramref name="instructor"/>'s lesson.</summary>
    /// <exception cref="InvalidDataException">The probe catalog lacks an exercise of the lesson.</exception>
    public SubmissionGrader(Notebook instructor, GradingOptions options)
    {
        _instructor = instructor ?? throw new ArgumentNullException(nameof(instructor));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _exercises = ExerciseInfo.Read(instructor);
        _probes = _exercises.Count == 0 ? new Dictionary<string, ProbeSpec>() : ProbeSpec.Read(options.HiddenFolder);
        foreach (var missing in _exercises.Where(e => !_probes.ContainsKey(e.Id)))
        {
            throw new InvalidDataException($"{Path.Combine(options.HiddenFolder, ProbeSpec.FileName)} has no entry for exercise {missing.Id}.");
        }
    }

    /// <summary>The lesson's exercises.</summary>
    public IReadOnlyList<ExerciseInfo> Exercises => _exercises;

    /// <summary>Grades one submission; always returns one row per exercise, whatever the submission does.</summary>
    public async Task<IReadOnlyList<ExerciseScore>> GradeAsync(string learner, Notebook submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(submission);
        await using var launcher = _options.LauncherFor(learner);
        var (scores, needsLesson) = await RunResilientlyAsync(Assemble(submission, withLesson: false), launcher, cancellationToken).ConfigureAwait(false);
        if (needsLesson)
        {
            (scores, _) = await RunResilientlyAsync(Assemble(submission, withLesson: true), launcher, cancellationToken).ConfigureAwait(false);
        }

        var missing = string.Join(", ", launcher.MissingProtections);
        return [.. _exercises.Select(e => scores.TryGetValue(e.Id, out var s)
            ? new ExerciseScore(learner, e.Id, Math.Min(s.Points, e.Points), e.Points, s.Message, missing)
            : new ExerciseScore(learner, e.Id, 0, e.Points, "not graded: the probe did not run", missing))];
    }

    // The steps of one grading run: setup, the learner's solutions and the probes; with the lesson's other cells in
    // their places when withLesson.
    private List<Step> Assemble(Notebook submission, bool withLesson)
    {
        var release = StudentRelease.Make(_instructor);
        var steps = new List<Step>();
        foreach (var cell in _instructor.CodeCells)
        {
            switch (cell.Role)
            {
                case "solution":
                    var answers = submission.CodeCells.Where(c => c.Role == "solution" && c.Exercise == cell.Exercise).ToList();
                    var chosen = answers.Count > 0 ? answers : [.. release.CodeCells.Where(c => c.Index == cell.Index)];
                    steps.AddRange(chosen.Select(c => new Step(c.Source, cell.Exercise, null)));
                    break;
                case "check" when cell.Exercise is not null:
                    var exercise = _exercises.FirstOrDefault(e => e.Id == cell.Exercise);
                    if (exercise is not null)
                    {
                        steps.Add(new Step(null, exercise.Id, exercise));
                    }

                    break;
                case "setup":
                    steps.Add(new Step(cell.Source, null, null));
                    break;
                default:
                    if (withLesson)
                    {
                        steps.Add(new Step(cell.Source, null, null));
                    }

                    break;
            }
        }

        return steps;
    }

    // The scores, and NeedsLesson: true when a solution failed to compile on a name it did not define (CS0103, CS0246),
    // which a cell of the lesson may define.
    private async Task<(Dictionary<string, (double Points, string Message)> Scores, bool NeedsLesson)> RunResilientlyAsync(
        List<Step> steps, IKernelLauncher launcher, CancellationToken cancellationToken)
    {
        var scores = new Dictionary<string, (double Points, string Message)>();
        var needsLesson = false;
        var succeeded = new List<int>();
        var next = 0;
        while (next < steps.Count)
        {
            await using var session = await KernelSession.StartAsync(launcher, TimeSpan.FromSeconds(120), _options.MaxOutputChars, cancellationToken)
                .ConfigureAwait(false);
            foreach (var earlier in succeeded)
            {
                await session.RunAsync(steps[earlier].Code!, _options.CellTimeout, cancellationToken).ConfigureAwait(false);
            }

            for (; next < steps.Count; next++)
            {
                var step = steps[next];
                if (step.Probe is { } exercise)
                {
                    if (!scores.ContainsKey(exercise.Id))
                    {
                        var (score, broken) = await ProbeAsync(session, launcher, exercise, cancellationToken).ConfigureAwait(false);
                        scores[exercise.Id] = score;
                        if (broken)
                        {
                            next++;
                            break;
                        }
                    }

                    continue;
                }

                var outcome = await session.RunAsync(step.Code!, _options.CellTimeout, cancellationToken).ConfigureAwait(false);
                if (outcome.Status == CellStatus.Succeeded)
                {
                    succeeded.Add(next);
                    continue;
                }

                var reason = Reason(outcome, "your code");
                if (step.Exercise is not null)
                {
                    scores.TryAdd(step.Exercise, (0, reason));
                    needsLesson |= outcome.Error is { } error && UndefinedName().IsMatch(error);
                }
                else if (next == 0)
                {
                    return (_exercises.ToDictionary(e => e.Id, _ => (0.0, $"the setup cell failed: {reason}")), false);
                }

                if (outcome.Status is CellStatus.TimedOut or CellStatus.KernelDied)
                {
                    next++;
                    break;
                }
            }
        }

        return (scores, needsLesson);
    }

    [GeneratedRegex(@"\berror CS(0103|0246):")]
    private static partial Regex UndefinedName();

    // Runs an exercise's probe and judges it; Broken is true when the kernel hung or died, so that a new one is needed.
    private async Task<((double Points, string Message) Score, bool Broken)> ProbeAsync(
        KernelSession session, IKernelLauncher launcher, ExerciseInfo exercise, CancellationToken cancellationToken)
    {
        var cases = HiddenCases.For(_options.HiddenFolder, exercise.Id);
        if (cases.Count == 0)
        {
            return ((0, "not graded: the exercise has no hidden cases"), false);
        }

        var spec = _probes[exercise.Id];
        var inputs = new JsonArray([.. cases.Select(c => c.Input?.DeepClone())]);
        try
        {
            var verdicts = spec.Judge is null
                ? await FunctionAsync(session, spec, cases, inputs, cancellationToken).ConfigureAwait(false)
                : await SocketAsync(session, launcher, spec, exercise, inputs, cancellationToken).ConfigureAwait(false);
            return (Score(exercise, verdicts), false);
        }
        catch (ProbeFailedException e)
        {
            return ((0, e.Message), e.Broken);
        }
    }

    private async Task<List<CaseVerdict>> FunctionAsync(
        KernelSession session, ProbeSpec spec, IReadOnlyList<HiddenCase> cases, JsonArray inputs, CancellationToken cancellationToken)
    {
        var code = $"global::NetCourse.Probe.Call<{spec.Input}, {spec.Output}>({spec.Member}, {Literal(inputs.ToJsonString())}, {Seconds(CaseSeconds)})";
        var outcomes = await RunProbeAsync(session, code, cases.Count, cancellationToken).ConfigureAwait(false);
        return [.. cases.Select((c, i) => Outcomes.Judge(outcomes[i], c.Expected, c.Rejects))];
    }

    private async Task<List<CaseVerdict>> SocketAsync(
        KernelSession session, IKernelLauncher launcher, ProbeSpec spec, ExerciseInfo exercise, JsonArray inputs, CancellationToken cancellationToken)
    {
        var judge = Judges.For(exercise.Id) ?? throw new ProbeFailedException($"not graded: the library has no judge for {exercise.Id}", false);
        var judgeName = $"global::NetCourse.Judges.{spec.Judge}";
        var request = new JsonObject { ["cases"] = inputs.DeepClone() };
        JsonArray? outcomes = null;
        if (judge.LearnerServes)
        {
            var started = await RunProbeValueAsync(session, $"await global::NetCourse.Probe.ServeAsync({judgeName}, {spec.Member})", cancellationToken).ConfigureAwait(false);
            request["port"] = (int?)started["port"] ?? throw new ProbeFailedException("your server did not start: the probe returned no port", false);
        }

        using var peer = launcher.StartPeer(PeerCommand(exercise.Id), session.ProcessId);
        var serving = judge.LearnerServes;
        try
        {
            await peer.StandardInput.WriteLineAsync(request.ToJsonString().AsMemory(), cancellationToken).ConfigureAwait(false);
            await peer.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
            var peerDeadline = judge.CaseTimeout * (inputs.Count + 2);
            if (!judge.LearnerServes)
            {
                var servers = await ReadPeerLineAsync(peer, "servers", peerDeadline, cancellationToken).ConfigureAwait(false);
                var code = $"await global::NetCourse.Probe.ClientAsync({judgeName}, {spec.Member}, {Literal(inputs.ToJsonString())}, {Literal(servers.ToJsonString())})";
                outcomes = await RunProbeAsync(session, code, inputs.Count, cancellationToken).ConfigureAwait(false);
                await TellClientsDoneAsync(peer, cancellationToken).ConfigureAwait(false);
            }

            var seen = await ReadPeerLineAsync(peer, "seen", peerDeadline, cancellationToken).ConfigureAwait(false);
            var verdicts = judge.JudgeAll([.. inputs], [.. seen], outcomes is null ? [] : [.. outcomes]);
            var unfinished = serving ? await StopLearnerServerAsync(session, cancellationToken).ConfigureAwait(false) : null;
            serving = false;
            return [.. verdicts.Select(v => v.Passed || unfinished is null ? v : new CaseVerdict(false, "not implemented yet", $"not implemented yet: {unfinished}"))];
        }
        finally
        {
            if (!peer.HasExited)
            {
                peer.Kill(entireProcessTree: true);
            }

            if (serving)
            {
                await StopLearnerServerAsync(session, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // Stops the learner's server in the kernel; the message of its handler's
    // NotImplementedException, if it threw one. What the kernel says here names a failure, and never passes a case.
    private async Task<string?> StopLearnerServerAsync(KernelSession session, CancellationToken cancellationToken)
    {
        var outcome = await session.RunAsync("await global::NetCourse.Probe.StopAsync()", _options.CellTimeout, cancellationToken).ConfigureAwait(false);
        try
        {
            return outcome.Status == CellStatus.Succeeded && JsonNode.Parse(outcome.ReturnValueAs(JsonMime) ?? "null") is JsonObject stopped
                ? (string?)stopped["unfinished"]
                : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    // The judge's servers that watch a client until it is done (several connections or datagrams) stop watching here.
    private static async Task TellClientsDoneAsync(Process peer, CancellationToken cancellationToken)
    {
        try
        {
            await peer.StandardInput.WriteLineAsync(new JsonObject { ["done"] = true }.ToJsonString().AsMemory(), cancellationToken).ConfigureAwait(false);
            await peer.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The peer has ended; reading its "seen" line says why.
        }
    }

    private static async Task<JsonArray> ReadPeerLineAsync(Process peer, string property, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (await peer.StandardOutput.ReadLineAsync(deadline.Token).ConfigureAwait(false) is { } line)
            {
                if (JsonNode.Parse(line) is JsonObject o && o[property] is JsonArray values)
                {
                    return values;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ProbeFailedException($"not graded: the judge gave no \"{property}\" within {timeout.TotalSeconds:0} s", false);
        }
        catch (JsonException)
        {
            // Falls through to the error below.
        }

        var error = peer.HasExited ? await peer.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false) : "";
        throw new ProbeFailedException($"not graded: the judge ended without \"{property}\" {error.Split('\n')[0]}".Trim(), false);
    }

    private async Task<JsonArray> RunProbeAsync(KernelSession session, string code, int count, CancellationToken cancellationToken)
    {
        var value = await RunProbeValueAsync(session, code, cancellationToken).ConfigureAwait(false);
        return value["outcomes"] is JsonArray outcomes && outcomes.Count == count
            ? outcomes
            : throw new ProbeFailedException($"the probe's answer could not be read: it holds no {count} outcomes", false);
    }

    // The probe cell's own value as JSON; only this cell's value event counts, never what it printed or displayed.
    private async Task<JsonObject> RunProbeValueAsync(KernelSession session, string code, CancellationToken cancellationToken)
    {
        var outcome = await session.RunAsync(code, _options.CellTimeout, cancellationToken).ConfigureAwait(false);
        if (outcome.Status != CellStatus.Succeeded)
        {
            throw new ProbeFailedException(Reason(outcome, "your code"), outcome.Status is CellStatus.TimedOut or CellStatus.KernelDied);
        }

        try
        {
            return JsonNode.Parse(outcome.ReturnValueAs(JsonMime) ?? "null") as JsonObject
                ?? throw new ProbeFailedException("the probe's answer could not be read: no JSON value", false);
        }
        catch (JsonException e)
        {
            throw new ProbeFailedException($"the probe's answer could not be read: {e.Message}", false);
        }
    }

    private static (double Points, string Message) Score(ExerciseInfo exercise, List<CaseVerdict> verdicts)
    {
        var passed = verdicts.Count(v => v.Passed);
        var failures = verdicts.Select((v, i) => (v, i)).Where(p => !p.v.Passed)
            .Select(p => $"hidden case {p.i + 1} of {verdicts.Count}: {p.v.Kind}").ToList();
        var message = failures.Count == 0 ? $"all {verdicts.Count} hidden cases passed" : string.Join("; ", failures);
        return (Math.Round(exercise.Points * passed / verdicts.Count, 2), message);
    }

    private static string[] PeerCommand(string exercise) =>
        ["dotnet", typeof(SubmissionGrader).Assembly.Location, "judge", exercise];

    private const double CaseSeconds = 2;

    private static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);

    // A C# verbatim string literal: quotes doubled, nothing else escaped.
    private static string Literal(string text) => "@\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Reason(CellOutcome outcome, string where)
    {
        var first = (outcome.Error ?? "").Split('\n')[0];
        return outcome.Status switch
        {
            CellStatus.TimedOut => $"{where} did not finish within the time limit (a hang or an endless loop)",
            CellStatus.KernelDied => $"{where} ended the notebook's process",
            _ => $"{where} failed: {first}",
        };
    }

    private sealed record Step(string? Code, string? Exercise, ExerciseInfo? Probe);

    private sealed class ProbeFailedException(string message, bool broken) : Exception(message)
    {
        public bool Broken { get; } = broken;
    }
}
