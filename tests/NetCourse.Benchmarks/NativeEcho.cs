using System.Diagnostics;

namespace NetCourse.Benchmarks;

/// <summary>The C epoll echo server and the C load generator in <c>native/</c>, compiled with the machine's C compiler.</summary>
internal sealed class NativeEcho(string folder) : IDisposable
{
    /// <summary>The C epoll echo server.</summary>
    public string Server { get; } = Path.Combine(folder, "echo_server");

    /// <summary>The C load generator.</summary>
    public string Client { get; } = Path.Combine(folder, "echo_client");

    /// <summary>Deletes the compiled programs.</summary>
    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>Compiles both programs into a temporary folder; null when no C compiler is present or compiling fails.</summary>
    public static async Task<NativeEcho?> BuildAsync()
    {
        var native = new NativeEcho(Directory.CreateTempSubdirectory("netcourse-bench-").FullName);
        var sources = Path.Combine(AppContext.BaseDirectory, "native");
        if (await CompileAsync(Path.Combine(sources, "echo_server.c"), native.Server) && await CompileAsync(Path.Combine(sources, "echo_client.c"), native.Client))
        {
            return native;
        }

        native.Dispose();
        return null;
    }

    /// <summary>
    /// Runs the load generator against a loopback port; returns the messages per second over the measured window and
    /// the messages over the whole run.
    /// </summary>
    public async Task<(double Rate, long Messages)> MeasureAsync(int port, int clients, TimeSpan warmup, TimeSpan duration)
    {
        var start = new ProcessStartInfo(Client) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { port, clients, (int)warmup.TotalMilliseconds, (int)duration.TotalMilliseconds })
        {
            start.ArgumentList.Add(argument.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        using var process = Process.Start(start)!;
        var line = await process.StandardOutput.ReadToEndAsync().WaitAsync(warmup + duration + TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync();
        var fields = line.Split(' ', StringSplitOptions.TrimEntries);
        return process.ExitCode == 0
            ? (double.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture), long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture))
            : throw new InvalidOperationException($"The load generator failed: {await process.StandardError.ReadToEndAsync()}");
    }

    private static async Task<bool> CompileAsync(string source, string binary)
    {
        try
        {
            var start = new ProcessStartInfo("cc", ["-O2", "-o", binary, source]) { RedirectStandardError = true };
            using var compiler = Process.Start(start)!;
            await compiler.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            return compiler.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
