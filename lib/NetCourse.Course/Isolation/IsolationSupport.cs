namespace NetCourse.Course.Isolation;

/// <summary>
/// What this machine lets the grader do to isolate a submission, found once per process: Linux, root, the util-linux and
/// iproute2 tools, whether namespaces can be made, and which cgroup controllers accept a child group.
/// </summary>
public sealed record IsolationSupport
{
    private static readonly Lazy<IsolationSupport> Detected = new(Detect);

    /// <summary>The protections the isolated launcher applies, by the names the gradebook shows.</summary>
    public static IReadOnlyList<string> AllProtections { get; } =
    [
        Protections.NetworkNamespace, Protections.PidNamespace, Protections.UnprivilegedUser, Protections.FreshFolder,
        Protections.ReadOnlyLibrary, Protections.MemoryLimit, Protections.ProcessLimit, Protections.FileSizeLimit, Protections.CpuLimit,
    ];

    /// <summary>Why nothing can be isolated here (not Linux, not root, a tool missing), or null when the launcher can run.</summary>
    public string? Unavailable { get; init; }

    /// <summary>Absolute paths of the tools the launcher runs, by name (unshare, nsenter, setpriv, prlimit, ip, dotnet, sh, env, useradd).</summary>
    public IReadOnlyDictionary<string, string> Tools { get; init; } = new Dictionary<string, string>();

    /// <summary>Why <c>unshare --net --pid --mount</c> failed, or null when namespaces work.</summary>
    public string? NamespaceError { get; init; }

    /// <summary>The cgroup v1 memory group under which each submission gets a child group, or null.</summary>
    public string? MemoryCgroup { get; init; }

    /// <summary>The cgroup v1 pids group under which each submission gets a child group, or null.</summary>
    public string? PidsCgroup { get; init; }

    /// <summary>The protections that cannot be applied here, each as "name (why)"; empty when everything works.</summary>
    public IReadOnlyList<string> Missing
    {
        get
        {
            if (Unavailable is not null)
            {
                return [.. AllProtections.Select(p => $"{p} ({Unavailable})")];
            }

            var missing = new List<string>();
            if (NamespaceError is not null)
            {
                missing.Add($"{Protections.NetworkNamespace} ({NamespaceError})");
                missing.Add($"{Protections.PidNamespace} ({NamespaceError})");
            }

            if (MemoryCgroup is null)
            {
                missing.Add($"{Protections.MemoryLimit} (no writable cgroup v1 memory controller; only the .NET heap is limited)");
            }

            return missing;
        }
    }

    /// <summary>What this machine supports (detected on first use, then cached for the process).</summary>
    public static IsolationSupport Current => Detected.Value;

    private static IsolationSupport Detect()
    {
        if (!OperatingSystem.IsLinux())
        {
            return new IsolationSupport { Unavailable = "not Linux" };
        }

        if (!Environment.IsPrivilegedProcess)
        {
            return new IsolationSupport { Unavailable = "the grader is not running as root" };
        }

        var tools = new Dictionary<string, string>();
        foreach (var name in new[] { "unshare", "nsenter", "setpriv", "prlimit", "ip", "dotnet", "sh", "env", "useradd" })
        {
            var path = FindOnPath(name);
            if (path is null)
            {
                return new IsolationSupport { Unavailable = $"'{name}' is not on PATH (util-linux, iproute2, passwd)" };
            }

            tools[name] = path;
        }

        return new IsolationSupport
        {
            Tools = tools,
            NamespaceError = TryNamespaces(tools),
            MemoryCgroup = WritableCgroup("memory"),
            PidsCgroup = WritableCgroup("pids"),
        };
    }

    private static string? TryNamespaces(Dictionary<string, string> tools)
    {
        var probe = new System.Diagnostics.ProcessStartInfo(tools["unshare"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--net", "--pid", "--mount", "--fork", "--mount-proc", "--kill-child", "--", tools["ip"], "link", "set", "lo", "up" })
        {
            probe.ArgumentList.Add(argument);
        }

        try
        {
            using var process = System.Diagnostics.Process.Start(probe)!;
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill(entireProcessTree: true);
                return "unshare did not finish within 30 s";
            }

            return process.ExitCode == 0 ? null : $"unshare failed: {error.Result.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"unshare could not start: {e.Message}";
        }
    }

    // A cgroup v1 controller whose group (the one this process is in) accepts a child group.
    private static string? WritableCgroup(string controller)
    {
        const string Root = "/sys/fs/cgroup";
        var mount = Path.Combine(Root, controller);
        if (!File.Exists(Path.Combine(mount, "cgroup.procs")) || !File.Exists("/proc/self/cgroup"))
        {
            return null;
        }

        var own = File.ReadLines("/proc/self/cgroup")
            .Select(l => l.Split(':', 3))
            .FirstOrDefault(parts => parts.Length == 3 && parts[1].Split(',').Contains(controller))?[2];
        if (own is null)
        {
            return null;
        }

        var parent = Path.Combine(mount, own.TrimStart('/'));
        var probe = Path.Combine(parent, $"netcourse-probe-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
            return parent;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin").Append("/sbin")
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}

/// <summary>The names of the protections, as the gradebook lists the missing ones.</summary>
public static class Protections
{
    /// <summary>The kernel has a network namespace of its own with only loopback.</summary>
    public const string NetworkNamespace = "network namespace";

    /// <summary>The kernel has a PID namespace of its own; ending it ends every process the submission started.</summary>
    public const string PidNamespace = "pid namespace";

    /// <summary>The kernel runs as an unprivileged user of its own, never root.</summary>
    public const string UnprivilegedUser = "unprivileged user";

    /// <summary>The kernel runs in a fresh folder; the course's files (hidden cases, instructor notebooks) are out of its sight.</summary>
    public const string FreshFolder = "fresh folder";

    /// <summary>The kernel loads a staged read-only library it cannot change.</summary>
    public const string ReadOnlyLibrary = "read-only library";

    /// <summary>The submission's memory is limited (cgroup, and the .NET heap limit).</summary>
    public const string MemoryLimit = "memory limit";

    /// <summary>The submission's number of processes and threads is limited.</summary>
    public const string ProcessLimit = "process limit";

    /// <summary>The size of any file the submission writes is limited.</summary>
    public const string FileSizeLimit = "file size limit";

    /// <summary>The kernel's CPU time is limited.</summary>
    public const string CpuLimit = "cpu limit";
}
