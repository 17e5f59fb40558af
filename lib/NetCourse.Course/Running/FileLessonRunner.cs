using System.Diagnostics;

namespace NetCourse.Course.Running;

/// <summary>Runs an exported lesson, <c>notebooks/run/NN-topic.cs</c>, with <c>dotnet run</c> and a deadline.</summary>
public static class FileLessonRunner
{
    /// <summary>The default deadline for one lesson, build included.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Runs <c>dotnet run <paramref name="lessonFile"/></c> from the repository root; fails on a non-zero exit or the deadline.</summary>
    public static async Task<LessonRunResult> RunAsync(CoursePaths paths, string lessonFile, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentException.ThrowIfNullOrEmpty(lessonFile);
        var lesson = Path.GetFileNameWithoutExtension(lessonFile);
        if (!File.Exists(lessonFile))
        {
            return new LessonRunResult(lesson, "file", false, null, TimeSpan.Zero,
                $"{lesson}: {lessonFile} does not exist; run `dotnet run --project lib/NetCourse.Course -- export`.", "");
        }

        var deadline = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        try
        {
            var (exitCode, output) = await ProcessRunner.RunAsync(
                "dotnet", ["run", Path.GetFullPath(lessonFile)], paths.Root, deadline, Environment, cancellationToken).ConfigureAwait(false);
            var failure = exitCode == 0 ? null : $"{lesson}: `dotnet run` exited with {exitCode}:\n{Tail(output)}";
            return new LessonRunResult(lesson, "file", exitCode == 0, null, clock.Elapsed, failure, output);
        }
        catch (TimeoutException e)
        {
            return new LessonRunResult(lesson, "file", false, null, clock.Elapsed, $"{lesson}: {e.Message}", "");
        }
    }

    private static Dictionary<string, string> Environment { get; } = new()
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };

    internal static string Tail(string output, int lines = 30)
    {
        var all = output.TrimEnd().Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }
}
