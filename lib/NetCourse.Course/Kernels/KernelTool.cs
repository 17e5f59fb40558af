using System.Text.Json.Nodes;

namespace NetCourse.Course.Kernels;

/// <summary>
/// The command lines of the .NET Interactive hosts the course pins as local dotnet tools (.config/dotnet-tools.json): the
/// kernel in stdio mode and dotnet-repl. Once restored, a tool's entry assembly is started directly so that it can run in
/// any working directory (a local tool is only found below its manifest) and is one process, not two.
/// </summary>
public static class KernelTool
{
    private const string PackageId = "microsoft.dotnet-interactive";
    private const string ReplPackageId = "dotnet-repl";

    /// <summary>The command for the course at <paramref name="paths"/>: the restored tool's assembly, or <c>dotnet dotnet-interactive</c>.</summary>
    public static IReadOnlyList<string> StdioCommand(CoursePaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var assembly = FindRestoredAssembly(paths, PackageId, "Microsoft.DotNet.Interactive.App.dll");
        return assembly is null ? ["dotnet", "dotnet-interactive", "stdio"] : ["dotnet", assembly, "stdio"];
    }

    /// <summary>The command that starts dotnet-repl: the restored tool's assembly, or <c>dotnet dotnet-repl</c>.</summary>
    public static IReadOnlyList<string> ReplCommand(CoursePaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var assembly = FindRestoredAssembly(paths, ReplPackageId, "dotnet-repl.dll");
        return assembly is null ? ["dotnet", "dotnet-repl"] : ["dotnet", assembly];
    }

    /// <summary>The kernel version pinned in the course's tool manifest, or null.</summary>
    public static string? PinnedVersion(CoursePaths paths) => PinnedVersion(paths, PackageId);

    private static string? PinnedVersion(CoursePaths paths, string packageId)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var manifest = Path.Combine(paths.Root, ".config", "dotnet-tools.json");
        return File.Exists(manifest)
            ? (string?)JsonNode.Parse(File.ReadAllText(manifest))?["tools"]?[packageId]?["version"]
            : null;
    }

    private static string? FindRestoredAssembly(CoursePaths paths, string packageId, string assemblyFile)
    {
        var version = PinnedVersion(paths, packageId);
        if (version is null)
        {
            return null;
        }

        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var tools = Path.Combine(packages, packageId, version, "tools");
        return Directory.Exists(tools)
            ? Directory.EnumerateFiles(tools, assemblyFile, SearchOption.AllDirectories).FirstOrDefault()
            : null;
    }
}
