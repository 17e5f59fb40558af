using System.Diagnostics;

namespace NetCourse.Course.Kernels;

/// <summary>
/// How the kernels and judge peers of one submission are started: the plain launch, or one isolated by the OS. The grader
/// makes one launcher per submission, starts one or more kernels with it (a kernel that hangs or dies is replaced), and
/// disposes it when the submission is done, which ends every process it started.
/// </summary>
public interface IKernelLauncher : IAsyncDisposable
{
    /// <summary>The folder the kernel runs in, fresh for the submission.</summary>
    DirectoryInfo WorkingDirectory { get; }

    /// <summary>
    /// The lib/NetCourse folder the setup cell loads (a new kernel is told it in <c>NETCOURSE_LIB</c>), or null when the
    /// setup script finds the library beside itself.
    /// </summary>
    string? LibraryFolder { get; }

    /// <summary>The protections this launcher could not apply, e.g. "network namespace"; empty when fully isolated.</summary>
    IReadOnlyList<string> MissingProtections { get; }

    /// <summary>The kernel's full command line, given the plain one (<c>dotnet .../Microsoft.DotNet.Interactive.App.dll stdio</c>).</summary>
    IReadOnlyList<string> KernelCommand(IReadOnlyList<string> plainCommand);

    /// <summary>
    /// Starts a judge peer next to the kernel whose process id is <paramref name="kernelProcessId"/> (same loopback, another
    /// user when isolated), with standard input, output and error redirected.
    /// </summary>
    Process StartPeer(IReadOnlyList<string> command, int kernelProcessId);
}
