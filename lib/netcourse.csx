// The first cell of every lesson is `#load "../lib/netcourse.csx"`. This script builds the course library
// (lib/NetCourse beside it, or the folder NETCOURSE_LIB names) when a source is newer than its DLL, then has the kernel
// reference the DLL and import NetCourse for the cells below. It prints one line: "NetCourse 1.0 loaded".
using System.IO;

{
    const string Imports = "using System.IO; using System.Net; using System.Net.Sockets; using System.Text; using System.Threading; using NetCourse;";
    const int FirstBuildSeconds = 20;

    static string ScriptPath([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    var lib = Environment.GetEnvironmentVariable("NETCOURSE_LIB") is { Length: > 0 } chosen
        ? Path.GetFullPath(chosen)
        : Path.Combine(Path.GetDirectoryName(ScriptPath())!, "NetCourse");
    var dll = Path.Combine(lib, "bin", "Release", "net10.0", "NetCourse.dll");
    var hasSources = File.Exists(Path.Combine(lib, "NetCourse.csproj")); // a built library without sources is loaded as it is
    if (!hasSources && !File.Exists(dll))
    {
        throw new DirectoryNotFoundException($"The course library is not at {lib}: open the lesson from the course's notebooks/ folder, or set NETCOURSE_LIB to its lib/NetCourse folder.");
    }

    var builtAt = File.Exists(dll) ? File.GetLastWriteTimeUtc(dll) : DateTime.MinValue;
    var separator = Path.DirectorySeparatorChar;
    var sources = !hasSources ? Enumerable.Empty<string>() : Directory.EnumerateFiles(lib, "*.cs*", SearchOption.AllDirectories)
        .Where(f => !f.Contains($"{separator}obj{separator}") && !f.Contains($"{separator}bin{separator}"))
        .Concat(new[] { "Directory.Build.props", "Directory.Packages.props" }.Select(f => Path.Combine(lib, "..", "..", f)).Where(File.Exists));
    var clock = System.Diagnostics.Stopwatch.StartNew();
    var built = sources.Any(f => File.GetLastWriteTimeUtc(f) > builtAt);
    if (built)
    {
        Console.WriteLine(builtAt == DateTime.MinValue
            ? $"building the course library (first time: about {FirstBuildSeconds} s)"
            : "rebuilding the course library: its sources changed");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "build", lib, "-c", "Release", "-nologo", "-v", "q" })
        {
            start.ArgumentList.Add(argument);
        }

        using var build = System.Diagnostics.Process.Start(start)!;
        var log = Task.WhenAll(build.StandardOutput.ReadToEndAsync(), build.StandardError.ReadToEndAsync()); // drain both pipes: a full pipe stalls the build
        var exited = build.WaitForExit(TimeSpan.FromMinutes(10));
        if (!exited)
        {
            build.Kill(entireProcessTree: true);
        }

        if (!exited || build.ExitCode != 0)
        {
            var output = log.Wait(TimeSpan.FromSeconds(10)) ? string.Concat(log.Result) : "(no output)";
            throw new InvalidOperationException($"Building {lib} {(exited ? $"failed (exit code {build.ExitCode})" : "took over 10 minutes")}:\n{output}");
        }
    }

    var version = System.Reflection.AssemblyName.GetAssemblyName(dll).Version!;
    Microsoft.DotNet.Interactive.Kernel.Current.DeferCommand(new Microsoft.DotNet.Interactive.Commands.SubmitCode(
        $"#r \"{dll}\"\n{Imports}\nCourseDisplay.Register();", "csharp"));
    Console.WriteLine($"NetCourse {version.Major}.{version.Minor} loaded{(built ? $", built in {clock.Elapsed.TotalSeconds:0} s" : "")}");
}
