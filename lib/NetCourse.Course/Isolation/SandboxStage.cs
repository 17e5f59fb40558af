using System.Security.Cryptography;
using System.Text;

namespace NetCourse.Course.Isolation;

/// <summary>
/// The read-only copy of what a sandboxed kernel needs and may not change: the dotnet-interactive tool's files and the
/// built library (bin/Release/net10.0, no sources) with the setup script beside it (lib/netcourse.csx). It lives in a root-owned, world-readable folder named by a hash of
/// its contents, so the submissions of a run (and later runs with the same build) share one copy.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed record SandboxStage(string Root)
{
    private static readonly Lock Gate = new();
    private const UnixFileMode ReadOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode ReadOnlyFolder = ReadOnlyFile | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>The staged tool folder (holds Microsoft.DotNet.Interactive.App.dll).</summary>
    public string ToolFolder => Path.Combine(Root, "tool");

    /// <summary>The staged lib/NetCourse folder: only bin/Release/net10.0.</summary>
    public string LibraryFolder => Path.Combine(Root, "lib", "NetCourse");

    /// <summary>The folder that holds lib/, so a sandbox can link to it.</summary>
    public string LibParent => Path.Combine(Root, "lib");

    /// <summary>Stages <paramref name="toolFolder"/>, <paramref name="libraryBin"/> and <paramref name="setupScript"/> under <paramref name="baseFolder"/>, or reuses an identical stage.</summary>
    /// <exception cref="DirectoryNotFoundException">The tool or the built library is not there (run <c>dotnet tool restore</c> and build lib/NetCourse).</exception>
    public static SandboxStage Ensure(string baseFolder, string toolFolder, string libraryBin, string setupScript)
    {
        if (!Directory.Exists(toolFolder))
        {
            throw new DirectoryNotFoundException($"The kernel tool folder '{toolFolder}' does not exist (run 'dotnet tool restore').");
        }

        if (!File.Exists(Path.Combine(libraryBin, "NetCourse.dll")))
        {
            throw new DirectoryNotFoundException($"The built library '{Path.Combine(libraryBin, "NetCourse.dll")}' does not exist (build lib/NetCourse in Release).");
        }

        var target = Path.Combine(baseFolder, "stage-" + Hash(toolFolder, libraryBin, setupScript));
        lock (Gate)
        {
            SandboxFolders.EnsureRootFolder(baseFolder);
            if (!Directory.Exists(target))
            {
                var building = $"{target}.{Guid.NewGuid():N}.tmp";
                Copy(toolFolder, Path.Combine(building, "tool"));
                Copy(libraryBin, Path.Combine(building, "lib", "NetCourse", "bin", "Release", "net10.0"));
                var script = Path.Combine(building, "lib", Path.GetFileName(setupScript));
                File.Copy(setupScript, script);
                File.SetUnixFileMode(script, ReadOnlyFile);
                foreach (var folder in Directory.EnumerateDirectories(building, "*", SearchOption.AllDirectories).Prepend(building))
                {
                    File.SetUnixFileMode(folder, ReadOnlyFolder);
                }

                try
                {
                    Directory.Move(building, target);
                }
                catch (IOException) when (Directory.Exists(target))
                {
                    Directory.Delete(building, recursive: true); // another grader staged the same files first
                }
            }

            SandboxFolders.EnsureRootFolder(target);
            return new SandboxStage(target);
        }
    }

    // Names, sizes and times of the tool's files (a pinned package does not change), contents of the library's.
    private static string Hash(string toolFolder, string libraryBin, string setupScript)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(toolFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            hash.AppendData(Encoding.UTF8.GetBytes($"{Path.GetRelativePath(toolFolder, file)}|{info.Length}|{info.LastWriteTimeUtc.Ticks}\n"));
        }

        foreach (var file in Directory.EnumerateFiles(libraryBin, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(libraryBin, file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }

        hash.AppendData(File.ReadAllBytes(setupScript));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    private static void Copy(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var folder in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(destination, Path.GetRelativePath(source, folder)));
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(destination, Path.GetRelativePath(source, file));
            File.Copy(file, copy);
            File.SetUnixFileMode(copy, ReadOnlyFile);
        }
    }
}
