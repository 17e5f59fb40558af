using NetCourse.Course.Kernels;

namespace NetCourse.Course.Running;

/// <summary>How a notebook is run.</summary>
public sealed record RunOptions
{
    /// <summary>The most one cell may take; then it counts as timed out and the run stops.</summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>The most the kernel may take to start.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Starts the kernel; by default a plain kernel in the notebook's folder, as in VS Code and Jupyter. The caller
    /// disposes it.
    /// </summary>
    public IKernelLauncher? Launcher { get; init; }

    /// <summary>Code run in the kernel before the first cell (not reported as a cell), e.g. to set environment variables.</summary>
    public string? Preamble { get; init; }

    /// <summary>How many times to run all the cells in the same kernel (2 checks that Run All twice works).</summary>
    public int Passes { get; init; } = 1;

    /// <summary>The most characters of output kept per cell; beyond it output is dropped and the cell marked truncated.</summary>
    public int MaxOutputChars { get; init; } = 16_000_000;

    /// <summary>Keep running later cells after one fails (grading does, so that one broken exercise costs only its points).</summary>
    public bool ContinueAfterFailure { get; init; }

    /// <summary>
    /// Variables to read as JSON right after a cell ran, by the cell's id: e.g. <c>["http-errors"] = ["errors"]</c>. The
    /// values land in <see cref="CellRun.Values"/>; a name the kernel does not have stops the run with a <see cref="KeyNotFoundException"/>.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ValuesAfterCell { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}
