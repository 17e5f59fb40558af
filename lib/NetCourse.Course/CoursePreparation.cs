namespace NetCourse.Course;

/// <summary>Makes a checkout ready to run lessons: the kernel tool restored and the library built once.</summary>
public static class CoursePreparation
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly HashSet<string> Restored = [];
    private static readonly HashSet<string> Built = [];

    /// <summary>
    /// Runs <c>dotnet tool restore</c> and builds <c>lib/NetCourse</c> in Release, once per checkout and process,
    /// so that the lessons' setup cells find the library up to date instead of building it concurrently.
    /// </summary>
    /// <exception cref="InvalidOperationException">A step failed; the message holds its output.</exception>
    public static Task EnsureReadyAsync(CoursePaths paths, CancellationToken cancellationToken = default) =>
        PrepareAsync(paths, buildLibrary: true, cancellationToken);

    /// <summary>
    /// Runs <c>dotnet tool restore</c> once per checkout and process: enough for a kernel that runs code which does not
    /// load the course library (the harness's fixture notebooks).
    /// </summary>
    /// <exception cref="InvalidOperationException">The restore failed; the message holds its output.</exception>
    public static Task EnsureKernelAsync(CoursePaths paths, CancellationToken cancellationToken = default) =>
        PrepareAsync(paths, buildLibrary: false, cancellationToken);

    private static async Task PrepareAsync(CoursePaths paths, bool buildLibrary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!Restored.Contains(paths.Root))
            {
                await StepAsync(paths, ["tool", "restore"], cancellationToken).ConfigureAwait(false);
                Restored.Add(paths.Root);
            }

            if (buildLibrary && !Built.Contains(paths.Root))
            {
                await StepAsync(paths, ["build", paths.Library, "-c", "Release", "-nologo", "-v", "q"], cancellationToken).ConfigureAwait(false);
                Built.Add(paths.Root);
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task StepAsync(CoursePaths paths, string[] arguments, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await ProcessRunner.RunAsync("dotnet", arguments, paths.Root, TimeSpan.FromMinutes(5), cancellationToken)
            .ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"'dotnet {string.Join(' ', arguments)}' failed with exit code {exitCode}:\n{output}");
        }
    }
}
