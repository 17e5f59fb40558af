using System.Diagnostics;
using System.Globalization;

namespace NetCourse.Course.Isolation;

/// <summary>Finds and ends processes by their user id, reading /proc (every process on the machine, whatever its parent).</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class SandboxProcesses
{
    /// <summary>The real, effective, saved and file-system user ids of every running process.</summary>
    public static HashSet<int> Owners() => [.. All().SelectMany(p => p.Uids)];

    /// <summary>The ids of the processes any of whose user ids is in <paramref name="uids"/>.</summary>
    public static List<int> OwnedBy(IReadOnlySet<int> uids) => [.. All().Where(p => p.Uids.Any(uids.Contains)).Select(p => p.Pid)];

    /// <summary>Kills every process owned by <paramref name="uids"/> until none is left or <paramref name="timeout"/> passed.</summary>
    /// <returns>How many processes were killed, and how many were still there at the end (zero unless something resisted).</returns>
    public static (int Killed, int Left) KillAll(IReadOnlySet<int> uids, TimeSpan timeout)
    {
        var killed = new HashSet<int>();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var pids = OwnedBy(uids);
            if (pids.Count == 0 || clock.Elapsed > timeout)
            {
                return (killed.Count, pids.Count);
            }

            killed.UnionWith(Kill(pids));
            Thread.Sleep(20);
        }
    }

    /// <summary>Sends SIGKILL to each of <paramref name="pids"/>; returns the ones that were still there to kill.</summary>
    public static List<int> Kill(IEnumerable<int> pids)
    {
        var killed = new List<int>();
        foreach (var pid in pids)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
                killed.Add(pid);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Ended meanwhile.
            }
        }

        return killed;
    }

    private static IEnumerable<(int Pid, int[] Uids)> All()
    {
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string? line;
            try
            {
                line = File.ReadLines(Path.Combine(folder, "status")).FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // ended while we read
            }

            if (line is not null)
            {
                yield return (pid, [.. line[4..].Split('\t', StringSplitOptions.RemoveEmptyEntries).Select(u => int.Parse(u, CultureInfo.InvariantCulture))]);
            }
        }
    }
}
