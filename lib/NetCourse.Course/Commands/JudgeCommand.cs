namespace NetCourse.Course.Commands;

/// <summary>
/// <c>netcourse judge EXERCISE</c> (hidden, started by the grader as the judge peer beside a learner's kernel): reads one
/// JSON request on standard input and plays the judge's side of the socket exercise, writing JSON lines on standard output
/// (for a client exercise, it waits for a second input line saying the clients are done before it says what it saw).
/// </summary>
public static class JudgeCommand
{
    /// <summary>Runs the command; exit 2 when the exercise has no judge or the request is not valid.</summary>
    public static async Task<int> RunAsync(CommandLine line, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(line);
        var args = line.Positional;
        var judge = args.Count == 1 ? Judges.For(args[0]) : null;
        if (judge is null)
        {
            throw new ArgumentException($"judge needs one exercise id with a socket judge, not '{string.Join(' ', args)}'.", nameof(line));
        }

        try
        {
            await JudgePeer.RunAsync(judge, Console.In, Console.Out, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException)
        {
            throw new ArgumentException($"judge {args[0]}: {e.Message}", nameof(line), e);
        }

        return 0;
    }
}
