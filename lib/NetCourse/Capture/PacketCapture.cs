using System.Diagnostics;

namespace NetCourse;

/// <summary>
/// Captures the loopback traffic of one TCP port with tcpdump while a cell runs. Needs tcpdump and the privilege to
/// capture (root or CAP_NET_RAW); <see cref="Unavailable"/> says why not when either is missing.
/// </summary>
public sealed class PacketCapture : IAsyncDisposable
{
    internal const string TurnedOffVariable = "NETCOURSE_NO_CAPTURE";

    private readonly Process _tcpdump;
    private readonly string _file;
    private int _stopped;

    private PacketCapture(Process tcpdump, string file)
    {
        _tcpdump = tcpdump;
        _file = file;
    }

    /// <summary>
    /// Why capturing is impossible here, or null when it is possible. Setting the environment variable
    /// <c>NETCOURSE_NO_CAPTURE</c> to any value turns live capture off, as if tcpdump were missing.
    /// </summary>
    public static string? Unavailable =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(TurnedOffVariable)) ? $"live capture is turned off ({TurnedOffVariable} is set)"
        : Tool is null ? "tcpdump is not installed (Debian/Ubuntu: apt-get install tcpdump)"
        : !Environment.IsPrivilegedProcess && !OperatingSystem.IsWindows() ? "capturing needs root or the CAP_NET_RAW capability"
        : null;

    private static string? Tool => Programs.Find("tcpdump");

    /// <summary>Starts capturing TCP traffic on loopback to or from <paramref name="port"/>; returns once tcpdump is listening.</summary>
    /// <exception cref="InvalidOperationException">Capturing is unavailable, or tcpdump failed to start.</exception>
    /// <exception cref="TimeoutException">tcpdump did not report that it listens within 5 s.</exception>
    public static async Task<PacketCapture> StartAsync(int port, CancellationToken cancellationToken = default)
    {
        Ports.Validate(port);
        if (Unavailable is { } reason)
        {
            throw new InvalidOperationException($"Cannot capture: {reason}.");
        }

        var file = Path.Combine(Path.GetTempPath(), $"netcourse-{Guid.NewGuid():N}.pcap");
        var start = new ProcessStartInfo(Tool!) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-i", "lo", "-n", "-U", "--immediate-mode", "-s", "256", "-w", file, $"tcp port {port}" })
        {
            start.ArgumentList.Add(argument);
        }

        var tcpdump = Process.Start(start) ?? throw new InvalidOperationException("tcpdump did not start.");
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        tcpdump.ErrorDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("listening on", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult();
            }
        };
        tcpdump.BeginErrorReadLine();
        var capture = new PacketCapture(tcpdump, file);
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            return capture;
        }
        catch (TimeoutException)
        {
            await capture.DisposeAsync().ConfigureAwait(false);
            throw new TimeoutException($"tcpdump did not start listening on port {port} within 5 s.");
        }
    }

    /// <summary>Stops the capture and returns the TCP segments it saw, with the packets it skipped and why.</summary>
    public async Task<PcapCapture> StopAsync()
    {
        // -U writes every packet as it arrives; a short pause lets the last ones reach the file.
        await Task.Delay(150).ConfigureAwait(false);
        Stop();
        return File.Exists(_file) ? PcapFile.Read(_file) : PcapCapture.Empty;
    }

    /// <summary>Stops tcpdump and deletes the capture file.</summary>
    public ValueTask DisposeAsync()
    {
        Stop();
        File.Delete(_file);
        _tcpdump.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0 || _tcpdump.HasExited)
        {
            return;
        }

        // SIGINT lets tcpdump write out what it holds; kill it only if it does not end.
        if (File.Exists("/bin/kill"))
        {
            using var interrupt = Process.Start("/bin/kill", ["-INT", _tcpdump.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            if (interrupt.WaitForExit(TimeSpan.FromSeconds(3)) && _tcpdump.WaitForExit(TimeSpan.FromSeconds(3)))
            {
                return;
            }
        }

        _tcpdump.Kill();
        _tcpdump.WaitForExit(TimeSpan.FromSeconds(5));
    }
}
