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

    private readonly DirectoryInfo? _ownFolder;

    /// <summary>
    /// A launcher running kernels in a new temporary course folder it deletes when disposed: kernels run in its
    /// <c>notebooks</c> with the setup script at <c>lib/netcourse.csx</c>, where a lesson's setup cell
    /// (<c>#load "../lib/netcourse.csx"</c>) finds it, and are told to load <paramref name="libraryFolder"/>.
    /// </summary>
    public PlainLauncher(string libraryFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(libraryFolder);
        LibraryFolder = libraryFolder;
        _ownFolder = Directory.CreateTempSubdirectory("netcourse-grade-");
        WorkingDirectory = _ownFolder.CreateSubdirectory("notebooks");
        var script = CoursePaths.SetupScriptBeside(Path.Combine(_ownFolder.FullName, "lib", "NetCourse"));
        Directory.CreateDirectory(Path.GetDirectoryName(script)!);
        File.Copy(CoursePaths.SetupScriptBeside(libraryFolder), script);
    }

    /// <summary>
    /// A launcher running kernels in <paramref name="workingDirectory"/>, as VS Code and Jupyter do: a lesson's setup
    /// cell loads the library its script finds beside itself.
    /// </summary>
    public PlainLauncher(DirectoryInfo workingDirectory) =>
        WorkingDirectory = workingDirectory ?? throw new ArgumentNullException(nameof(workingDirectory));

    /// <inheritdoc/>
    public DirectoryInfo WorkingDirectory { get; }

    /// <inheritdoc/>
    public string? LibraryFolder { get; }

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
        if (_ownFolder is not null)
        {
            try
            {
                _ownFolder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A process of the submission may still hold a file; the temporary folder is left for the OS to clean.
            }
        }

        return ValueTask.CompletedTask;
    }
}
