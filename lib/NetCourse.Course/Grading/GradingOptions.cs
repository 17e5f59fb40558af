using NetCourse.Course.Kernels;

namespace NetCourse.Course.Grading;

/// <summary>How submissions are graded.</summary>
public sealed record GradingOptions
{
    /// <summary>The most one cell of a submission may run; then it counts as hanging and its exercise gets 0.</summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The most output kept per cell; a submission printing more is cut off, not kept in memory.</summary>
    public int MaxOutputChars { get; init; } = 1_000_000;

    /// <summary>The folder of the instructor's hidden cases (<c>hidden/NN.json</c>) and probe catalog; read only by the grader.</summary>
    public required string HiddenFolder { get; init; }

    /// <summary>The library project folder the setup cell builds and loads (<c>lib/NetCourse</c>), with the setup script beside it (<c>lib/netcourse.csx</c>).</summary>
    public required string LibraryFolder { get; init; }

    /// <summary>Makes the launcher of one learner's submission; by default the plain launch in a fresh temporary folder.</summary>
    public Func<string, IKernelLauncher>? Launchers { get; init; }

    /// <summary>The launcher for <paramref name="learner"/>.</summary>
    public IKernelLauncher LauncherFor(string learner) => Launchers?.Invoke(learner) ?? new PlainLauncher(LibraryFolder);
}
