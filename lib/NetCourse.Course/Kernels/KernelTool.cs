using System.Text.Json.Nodes;

namespace NetCourse.Course.Kernels;

/// <summary>
/// The command line that starts the .NET Interactive kernel in stdio mode. The course pins the kernel as a local
/// dotnet tool (.config/dotnet-tools.json); once restored, its entry assembly is started directly so that the kernel
/// can run in any working directory (a local tool is only found below its manifest) and is one process, not two.
/// </summary>
public static class KernelTool
{
    private const string PackageId = "microsoft.dotnet-interactive";

    /// <summary>The command for the course at <paramref name="paths"/>: the restored tool's assembly, or <c>dotnet dotnet-interactive</c>.</summary>
    public static IReadOnlyList<string> StdioCommand(CoursePaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var assembly = FindRestoredAssembly(paths);
        return assembly is null ? ["dotnet", "dotnet-interactive", "stdio"] : ["dotnet", assembly, "stdio"];
    }

    /// <summary>The version pinned in the course's tool manifest, or null.</summary>
    public static string? PinnedVersion(CoursePaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var manifest = Path.Combine(paths.Root, ".config", "dotnet-tools.json");
        return File.Exists(manifest)
            ? (string?)JsonNode.Parse(File.ReadAllText(manifest))?["tools"]?[PackageId]?["version"]
            : null;
    }

    private static string? FindRestoredAssembly(CoursePaths paths)
    {
        var version = PinnedVersion(paths);
        if (version is null)
        {
            return null;
        }

        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var tools = Path.Combine(packages, PackageId, version, "tools");
        return Directory.Exists(tools)
            ? Directory.EnumerateFiles(tools, "Microsoft.DotNet.Interactive.App.dll", SearchOption.AllDirectories).FirstOrDefault()
            : null;
    }
}
