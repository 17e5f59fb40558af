using NetCourse.Course.Kernels;

namespace NetCourse.Course.Isolation;

/// <summary>The one place the grader asks for an isolated launcher, on any OS.</summary>
public static class KernelIsolation
{
    /// <summary>The protections missing on this machine when nothing can be isolated (every one, with the reason); empty when an isolated launcher can be made.</summary>
    public static IReadOnlyList<string> Unavailable =>
        IsolationSupport.Current.Unavailable is null ? [] : IsolationSupport.Current.Missing;

    /// <summary>
    /// An isolated launcher for one submission, or null when nothing can be isolated on this machine (then
    /// <see cref="Unavailable"/> names every protection and why, and the grader uses a plain launcher).
    /// </summary>
    public static IKernelLauncher? TryCreate(CoursePaths paths, IsolationOptions? options = null) =>
        OperatingSystem.IsLinux() && IsolationSupport.Current.Unavailable is null ? IsolatedLauncher.Create(paths, options) : null;
}
