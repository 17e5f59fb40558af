using System.Diagnostics;

namespace NetCourse.Course.Kernels;

/// <summary>
/// The plain launch: a fresh temporary folder, the checkout's library, the command unchanged, peers started as they are.
/// It isolates nothing, and says so.
/// </summary>
public sealed class PlainLauncher : IKernelLauncher
{
    /// <summary>The protections an isolated launcher applies; the plain launch applies none.</summary>
    public static readonly IReadOnlyList<string> AllProtections =
        ["network namespace", "pid namespace", "unprivileged user", "fresh folder", "read-only library", "memory limit", "process limit", "file size limit", "cpu limit"];

    private readonly bool _ownsFolder;

    /// <summary>A launcher running kernels in <paramref name="workingDirectory"/>, or in a new temporary folder it deletes when disposed.</summary>
    public PlainLauncher(string libraryFolder, DirectoryInfo? workingDirectory = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(libraryFolder);
        LibraryFolder = libraryFolder;
        _ownsFolder = workingDirectory is null;
        WorkingDirectory = workingDirectory ?? Directory.CreateTempSubdirectory("netcourse-grade-");
    }

    /// <inheritdoc/>
    public DirectoryInfo WorkingDirectory { get; }

    /// <inheritdoc/>
    public string LibraryFolder { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> MissingProtections => AllProtections;

    /// <inheritdoc/>
    public IReadOnlyList<string> KernelCommand(IReadOnlyList<string> plainCommand) => plainCommand;

    /// <inheritdoc/>
    public Process StartPeer(IReadOnlyList<string> command, int kernelProcessId)
    {
        ArgumentNullException.ThrowIfNull(command);
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{string.Join(' ', command)}'.");
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        if (_ownsFolder)
        {
            try
            {
                WorkingDirectory.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A process of the submission may still hold a file; the temporary folder is left for the OS to clean.
            }
        }

        return ValueTask.CompletedTask;
    }
}
