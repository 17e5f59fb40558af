using System.Text.Json.Nodes;
using NetCourse.Course.Kernels;

namespace NetCourse.Course.Running;

/// <summary>
/// Registers the course's pinned .NET kernel for Jupyter in a private folder (for <c>JUPYTER_PATH</c>), the way a learner
/// does with <c>dotnet dotnet-interactive jupyter install --path …</c>. The kernel spec is then pointed at the restored
/// tool's assembly (so it starts in any folder) and told to keep its HTTP API on loopback (<c>--http-local-only</c>).
/// </summary>
public static class JupyterKernelSpec
{
    /// <summary>The kernel name the notebooks' metadata asks for, and that <c>jupyter install</c> registers.</summary>
    public const string CSharpKernelName = ".net-csharp";

    /// <summary>Installs the kernel specs into <c><paramref name="jupyterPath"/>/kernels</c>; returns the C# kernel's folder.</summary>
    /// <exception cref="InvalidOperationException">The install failed or did not produce the C# kernel.</exception>
    public static async Task<string> InstallAsync(CoursePaths paths, string jupyterPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentException.ThrowIfNullOrEmpty(jupyterPath);
        var kernels = Path.Combine(jupyterPath, "kernels");
        Directory.CreateDirectory(kernels);
        var command = KernelTool.StdioCommand(paths);
        var tool = command.Take(command.Count - 1).ToList(); // drop "stdio"
        var (exitCode, output) = await ProcessRunner.RunAsync(
            tool[0], [.. tool.Skip(1), "jupyter", "install", "--path", kernels], paths.Root, TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false);
        var spec = Path.Combine(kernels, CSharpKernelName, "kernel.json");
        if (exitCode != 0 || !File.Exists(spec))
        {
            throw new InvalidOperationException($"'dotnet-interactive jupyter install --path {kernels}' failed (exit code {exitCode}):\n{output}");
        }

        foreach (var name in new[] { CSharpKernelName, ".net-fsharp", ".net-powershell" })
        {
            var file = Path.Combine(kernels, name, "kernel.json");
            if (File.Exists(file))
            {
                PointAtTool(file, tool);
            }
        }

        return Path.GetDirectoryName(spec)!;
    }

    // "dotnet interactive jupyter --default-kernel X {connection_file} --http-port-range 2048-3000" becomes the restored
    // tool's assembly with the same default kernel and "--http-local-only" (the default range listens on every interface).
    private static void PointAtTool(string file, IReadOnlyList<string> tool)
    {
        var json = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        var old = json["argv"]?.AsArray().Select(a => (string?)a).ToList() ?? [];
        var at = old.IndexOf("--default-kernel");
        var defaultKernel = at >= 0 && at + 1 < old.Count ? old[at + 1] ?? "csharp" : "csharp";
        var argv = new JsonArray();
        foreach (var part in tool.Concat(["jupyter", "--default-kernel", defaultKernel, "{connection_file}", "--http-local-only"]))
        {
            argv.Add(part);
        }

        json["argv"] = argv;
        File.WriteAllText(file, json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }
}
