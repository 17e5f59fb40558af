using System.Diagnostics;

namespace NetCourse.Course.Kernels;

/// <summary>
/// How kernels (and judge peers) of one submission are started. The grader makes one launcher per submission, starts
/// one or more kernels with it (a kernel that hangs or dies is replaced by a new one, same launcher), and disposes it
/// when the submission is done.
/// </summary>
public interface IKernelLauncher : IAsyncDisposable
{
    /// <summary>The folder the kernel runs in (fresh per submission; the grader writes nothing else there).</summary>
    DirectoryInfo WorkingDirectory { get; }

    /// <summary>
    /// The lib/NetCourse folder the setup cell loads. Plain: the checkout's lib/NetCourse. Isolated: a staged read-only
    /// folder holding bin/Release/net10.0/*.dll and no sources (the setup cell then builds nothing).
    /// </summary>
    string LibraryFolder { get; }

    /// <summary>
    /// The full command line of the kernel process, given the plain one (<c>dotnet …/Microsoft.DotNet.Interactive.App.dll stdio</c>).
    /// Plain: returned unchanged. Isolated: wrapped so that it runs in namespaces, as another user, under limits.
    /// Environment variables are set through the command; the grader sets none itself.
    /// </summary>
    IReadOnlyList<string> KernelCommand(IReadOnlyList<string> plainCommand);

    /// <summary>
    /// Starts a judge peer process next to the kernel whose process id (of the kernel command, as the connector reports it)
    /// is <paramref name="kernelProcessId"/>: same network namespace, a different user than the kernel. Standard input,
    /// output and error are redirected.
    /// </summary>
    Process StartPeer(IReadOnlyList<string> command, int kernelProcessId);

    /// <summary>Protections this launcher could not apply, each named (for example "network namespace"); the gradebook shows them.</summary>
    IReadOnlyList<string> MissingProtections { get; }
}
