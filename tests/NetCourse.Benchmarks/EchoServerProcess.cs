using System.Diagnostics;
using System.Globalization;

namespace NetCourse.Benchmarks;

/// <summary>An echo server running in its own process, which prints its loopback port on its first line of output.</summary>
internal sealed class EchoServerProcess : IDisposable
{
    private readonly Process _process;

    private EchoServerProcess(string name, Process process, int port)
    {
        Name = name;
        _process = process;
        Port = port;
    }

    public string Name { get; }

    public int Port { get; }

    /// <summary>The process's peak resident set so far (VmHWM), in MiB: its own memory plus the runtime's mapped files.</summary>
    public double PeakRssMiB => StatusMiB("VmHWM:");

    /// <summary>The process's anonymous resident memory now (RssAnon), in MiB: heaps and stacks, without mapped files.</summary>
    public double AnonRssMiB => StatusMiB("RssAnon:");

    /// <summary>The CPU time (user and system) the process has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0);
        }
    }

    public static async Task<EchoServerProcess> StartAsync(EchoServerCommand command)
    {
        var (name, fileName) = (command.Name, command.File);
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true };
        foreach (var argument in command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (variable, value) in command.Environment)
        {
            start.Environment[variable] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
            return int.TryParse(line, out var port)
                ? new EchoServerProcess(name, process, port)
                : throw new InvalidOperationException($"{name} printed '{line}' instead of its port.");
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(5000);
        _process.Dispose();
    }

    private double StatusMiB(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
