using System.Diagnostics;
using System.Globalization;
using NetCourse.Course.Kernels;

namespace NetCourse.Course.Isolation;

/// <summary>
/// Starts one submission's kernels isolated (Linux, as root): a network namespace with only loopback, a PID namespace
/// whose end ends every process the submission started, a mount namespace in which the course checkout and the shared
/// temporary folders are empty, a user id of its own (never root), a fresh folder only that user may enter, a staged
/// read-only library and kernel tool, a minimal environment, and limits on memory, processes, file size and CPU time.
/// What this machine does not allow is listed in <see cref="MissingProtections"/>. Disposing kills whatever the
/// submission left and removes its folder.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class IsolatedLauncher : IKernelLauncher
{
    // Runs as root as the first process of the new namespaces: joins the cgroups, brings loopback up, hides the course's
    // folders, then runs the kernel as a child, so that it stays the namespace's init: its death (it gets SIGKILL when
    // unshare dies) ends every process of the namespace. The values come as environment variables, never as code.
    private const string InitScript = """
        set -e
        IFS='
        '
        for f in $NC_CGROUPS; do echo $$ > "$f"; done
        if [ -n "$NC_NAMESPACES" ]; then
          "$NC_IP" link set lo up
          for d in $NC_HIDE; do mount -t tmpfs -o size=64k,mode=755 netcourse-hidden "$d"; done
          for d in $NC_TEMP; do mount -t tmpfs -o size=64m,mode=1777 netcourse-temp "$d"; done
        fi
        set +e
        "$@"
        exit $?
        """;

    private static readonly string[] SharedTemporaryFolders = ["/tmp", "/var/tmp", "/dev/shm"];
    private static readonly string[] OtherUsersFolders = ["/root", "/home", "/mnt", "/media", "/srv"];

    private readonly IsolationSupport _support;
    private readonly IsolationOptions _options;
    private readonly SandboxStage _stage;
    private readonly UserLease _kernelUser;
    private readonly UserLease _peerUser;
    private readonly string _folder;
    private readonly List<string> _cgroups = [];
    private readonly List<string> _hidden;
    private readonly List<string> _missing;
    private readonly List<Process> _peers = [];
    private int _disposed;

    private IsolatedLauncher(IsolationSupport support, IsolationOptions options, SandboxStage stage, UserLease kernelUser, UserLease peerUser, string folder, List<string> hidden)
    {
        _support = support;
        _options = options;
        _stage = stage;
        _kernelUser = kernelUser;
        _peerUser = peerUser;
        _folder = folder;
        _hidden = hidden;
        _missing = [.. support.Missing];
        WorkingDirectory = new DirectoryInfo(Path.Combine(folder, "work"));
    }

    /// <inheritdoc/>
    public DirectoryInfo WorkingDirectory { get; }

    /// <summary>Null: the sandbox's <c>lib</c> is the staged library, which the setup script finds beside itself.</summary>
    public string? LibraryFolder => null;

    /// <summary>The staged, read-only copy of the built library the kernel loads.</summary>
    public string StagedLibrary => _stage.LibraryFolder;

    /// <inheritdoc/>
    public IReadOnlyList<string> MissingProtections => _missing;

    /// <summary>The user id the kernel runs as.</summary>
    public int KernelUid => _kernelUser.Uid;

    /// <summary>The user id judge peers run as (root when the course build is not readable by other users).</summary>
    public int PeerUid => PeerReadable ? _peerUser.Uid : 0;

    /// <summary>The submission's folder (root-owned; the kernel's folder is <c>work</c> inside it).</summary>
    public string SandboxFolder => _folder;

    /// <summary>The folders the kernel sees empty.</summary>
    public IReadOnlyList<string> HiddenFolders => _hidden;

    /// <summary>After disposal: how many processes of the submission were still running and were killed, and how many resisted.</summary>
    public (int Killed, int Left) Cleanup { get; private set; }

    private bool PeerReadable { get; set; } = true;

    /// <summary>
    /// Prepares an isolated launcher for one submission of the course at <paramref name="paths"/> (whose kernel tool is
    /// restored and library built).
    /// </summary>
    /// <exception cref="PlatformNotSupportedException">Nothing can be isolated here (not Linux, not root, a tool missing); <see cref="IsolationSupport.Missing"/> says why.</exception>
    public static IsolatedLauncher Create(CoursePaths paths, IsolationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        options ??= new IsolationOptions();
        var support = IsolationSupport.Current;
        if (support.Unavailable is not null)
        {
            throw new PlatformNotSupportedException($"Kernels cannot be isolated here: {support.Unavailable}.");
        }

        var tool = ToolAssembly(KernelTool.StdioCommand(paths))
            ?? throw new DirectoryNotFoundException("The dotnet-interactive tool is not restored (run 'dotnet tool restore').");
        var stage = SandboxStage.Ensure(options.BaseFolder, Path.GetDirectoryName(tool)!, Path.Combine(paths.Library, "bin", "Release", "net10.0"), paths.SetupScript);
        var sandboxes = Path.Combine(options.BaseFolder, "sandboxes");
        SandboxFolders.EnsureRootFolder(sandboxes, SandboxFolders.PassThrough);
        var kernelUser = SandboxUsers.Lease(options.BaseFolder, support.Tools["useradd"]);
        var peerUser = SandboxUsers.Lease(options.BaseFolder, support.Tools["useradd"]);
        var folder = Path.Combine(sandboxes, Guid.NewGuid().ToString("N"));
        IsolatedLauncher? launcher = null;
        try
        {
            SandboxFolders.EnsureRootFolder(folder, SandboxFolders.PassThrough);
            launcher = new IsolatedLauncher(support, options, stage, kernelUser, peerUser, folder, HiddenFor(paths, options, support, stage, folder));
            launcher.Prepare();
            return launcher;
        }
        catch
        {
            if (launcher is not null)
            {
                launcher.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            else
            {
                kernelUser.Dispose();
                peerUser.Dispose();
                Directory.Delete(folder, recursive: true);
            }

            throw;
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> KernelCommand(IReadOnlyList<string> plainCommand)
    {
        ArgumentNullException.ThrowIfNull(plainCommand);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var tool = ToolAssembly(plainCommand)
            ?? throw new ArgumentException($"The kernel command '{string.Join(' ', plainCommand)}' names no Microsoft.DotNet.Interactive.App.dll to stage.", nameof(plainCommand));
        var staged = Path.Combine(_stage.ToolFolder, Path.GetFileName(tool));
        var work = WorkingDirectory.FullName;
        var command = new List<string> { _support.Tools["env"], "-i", $"PATH={SafePath}", $"NC_CGROUPS={string.Join('\n', _cgroups.Select(c => Path.Combine(c, "cgroup.procs")))}" };
        var namespaces = _support.NamespaceError is null;
        if (namespaces)
        {
            command.AddRange([
                "NC_NAMESPACES=1", $"NC_IP={_support.Tools["ip"]}", $"NC_HIDE={string.Join('\n', _hidden)}",
                $"NC_TEMP={string.Join('\n', SharedTemporaryFolders.Where(Directory.Exists))}",
                _support.Tools["unshare"], "--net", "--pid", "--mount", "--fork", "--mount-proc", "--kill-child", "--"]);
        }

        command.AddRange([_support.Tools["sh"], "-c", InitScript, "netcourse-sandbox"]);
        command.AddRange([
            _support.Tools["prlimit"], $"--nproc={_options.MaxProcesses}", $"--fsize={_options.MaxFileBytes}", $"--cpu={_options.MaxCpuSeconds}", $"--nofile={Math.Min(_options.MaxOpenFiles, OpenFilesHardLimit())}", "--core=0", "--",
            .. DropTo(_kernelUser.Uid),
            _support.Tools["env"], "-i", $"PATH={SafePath}", $"HOME={work}", $"DOTNET_CLI_HOME={work}", $"TMPDIR={Path.Combine(work, ".tmp")}",
            $"NUGET_PACKAGES={Path.Combine(work, ".nuget", "packages")}", "LANG=C.UTF-8", "DOTNET_NOLOGO=1", "DOTNET_CLI_TELEMETRY_OPTOUT=1",
            "DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT=1", "DOTNET_INTERACTIVE_SKIP_FIRST_TIME_EXPERIENCE=1",
            $"DOTNET_GCHeapHardLimit=0x{_options.MaxHeapBytes.ToString("X", CultureInfo.InvariantCulture)}",
            "DOTNET_EnableWriteXorExecute=0", // W^X maps JIT code through a file that outgrows the file size limit ("Out of memory")
            .. DotnetRoot(),
            _support.Tools["dotnet"], staged, .. plainCommand.SkipWhile(a => a != tool).Skip(1)]);
        return command;
    }

    /// <inheritdoc/>
    public Process StartPeer(IReadOnlyList<string> command, int kernelProcessId)
    {
        ArgumentNullException.ThrowIfNull(command);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (command.Count == 0)
        {
            throw new ArgumentException("The peer command is empty.", nameof(command));
        }

        var home = Path.Combine(_folder, "peer");
        var full = new List<string>();
        if (_support.NamespaceError is null)
        {
            var net = $"/proc/{kernelProcessId}/ns/net";
            if (!File.Exists(net))
            {
                throw new ArgumentException($"No process {kernelProcessId} (the kernel) to start a peer beside.", nameof(kernelProcessId));
            }

            full.AddRange([_support.Tools["nsenter"], $"--net={net}", "--"]);
        }

        PeerReadable = command.Where(File.Exists).All(ReadableByOthers);
        if (PeerReadable)
        {
            full.AddRange(DropTo(_peerUser.Uid));
        }

        full.AddRange([
            _support.Tools["env"], "-i", $"PATH={SafePath}", $"HOME={home}", $"DOTNET_CLI_HOME={home}", $"TMPDIR={home}",
            "DOTNET_NOLOGO=1", "DOTNET_CLI_TELEMETRY_OPTOUT=1", .. DotnetRoot(),
            command[0] == "dotnet" ? _support.Tools["dotnet"] : command[0], .. command.Skip(1)]);
        var start = new ProcessStartInfo(full[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = home,
        };
        foreach (var argument in full.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        var peer = Process.Start(start) ?? throw new InvalidOperationException($"The peer '{string.Join(' ', command)}' did not start.");
        lock (_peers)
        {
            _peers.Add(peer);
        }

        return peer;
    }

    /// <summary>Kills every process the submission left (its namespaces, its users, its cgroups), then removes its folder and cgroups.</summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }

        lock (_peers)
        {
            foreach (var peer in _peers)
            {
                try
                {
                    peer.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // Ended already.
                }

                peer.Dispose();
            }
        }

        // The cgroups hold the namespace's init (root): killing it ends the namespace, whatever the learner's processes did.
        foreach (var cgroup in _cgroups)
        {
            KillMembers(cgroup);
        }

        Cleanup = SandboxProcesses.KillAll(new HashSet<int> { _kernelUser.Uid, _peerUser.Uid }, TimeSpan.FromSeconds(10));
        foreach (var cgroup in _cgroups)
        {
            RemoveCgroup(cgroup);
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Removed already.
        }

        _kernelUser.Dispose();
        _peerUser.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string SafePath => string.Join(':', new[] { Path.GetDirectoryName(IsolationSupport.Current.Tools["dotnet"])!, "/usr/local/bin", "/usr/bin", "/bin" }.Distinct());

    private static string[] DotnetRoot() =>
        Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root ? [$"DOTNET_ROOT={root}"] : [];

    // prlimit may lower a limit but, without CAP_SYS_RESOURCE (a container), not raise the hard one the grader has.
    private static long OpenFilesHardLimit()
    {
        var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var hard = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[4];
        return long.TryParse(hard, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : long.MaxValue;
    }

    private static string? ToolAssembly(IReadOnlyList<string> command) =>
        command.FirstOrDefault(a => Path.GetFileName(a) == "Microsoft.DotNet.Interactive.App.dll");

    private static bool ReadableByOthers(string file)
    {
        if (!File.GetUnixFileMode(file).HasFlag(UnixFileMode.OtherRead))
        {
            return false;
        }

        for (var folder = Path.GetDirectoryName(Path.GetFullPath(file)); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (!File.GetUnixFileMode(folder).HasFlag(UnixFileMode.OtherExecute))
            {
                return false;
            }
        }

        return true;
    }

    // The checkout (hidden cases, instructor notebooks, library sources, gradebooks), the main checkout of a git worktree,
    // other users' homes and the folders the grader names; never a folder holding dotnet, the stage or the sandbox.
    private static List<string> HiddenFor(CoursePaths paths, IsolationOptions options, IsolationSupport support, SandboxStage stage, string folder)
    {
        var needed = new[] { support.Tools["dotnet"], stage.Root, folder }.Select(Path.GetFullPath).ToList();
        var candidates = new List<string> { paths.Root };
        var gitFile = Path.Combine(paths.Root, ".git");
        if (File.Exists(gitFile) && File.ReadAllText(gitFile).Trim() is var pointer && pointer.StartsWith("gitdir:", StringComparison.Ordinal))
        {
            var gitDir = Path.GetFullPath(pointer["gitdir:".Length..].Trim(), paths.Root);
            var common = Path.GetFullPath(Path.Combine(gitDir, "..", ".."));
            if (Path.GetFileName(common) == ".git")
            {
                candidates.Add(Path.GetDirectoryName(common)!);
            }
        }

        candidates.AddRange(OtherUsersFolders);
        candidates.AddRange(options.HiddenFolders);
        var hidden = candidates.Select(Path.GetFullPath).Distinct().Where(Directory.Exists)
            .Where(c => !needed.Any(n => n == c || n.StartsWith(c + "/", StringComparison.Ordinal))).ToList();
        return [.. hidden.Where(c => !hidden.Any(h => c.StartsWith(h + "/", StringComparison.Ordinal)))]; // inside a hidden folder: hidden already
    }

    private string[] DropTo(int uid) =>
    [
        _support.Tools["setpriv"], $"--reuid={uid}", $"--regid={uid}", "--clear-groups", "--no-new-privs",
        "--inh-caps=-all", "--bounding-set=-all", "--",
    ];

    private void Prepare()
    {
        var work = WorkingDirectory.FullName;
        SandboxFolders.CreateOwned(work, _kernelUser.Uid);
        SandboxFolders.CreateOwned(Path.Combine(work, ".tmp"), _kernelUser.Uid);
        SandboxFolders.CreateOwned(Path.Combine(_folder, "peer"), _peerUser.Uid);
        File.CreateSymbolicLink(Path.Combine(_folder, "lib"), _stage.LibParent); // ../lib/NetCourse from the kernel's folder
        var name = "netcourse-" + Path.GetFileName(_folder);
        if (_support.MemoryCgroup is { } memory)
        {
            var group = Path.Combine(memory, name);
            Directory.CreateDirectory(group);
            _cgroups.Add(group);
            File.WriteAllText(Path.Combine(group, "memory.limit_in_bytes"), _options.MaxMemoryBytes.ToString(CultureInfo.InvariantCulture));
        }

        if (_support.PidsCgroup is { } pids)
        {
            var group = Path.Combine(pids, name);
            Directory.CreateDirectory(group);
            _cgroups.Add(group);
            File.WriteAllText(Path.Combine(group, "pids.max"), _options.MaxProcesses.ToString(CultureInfo.InvariantCulture));
        }

        if (_support.NamespaceError is not null)
        {
            _missing.Add($"{Protections.FreshFolder} (no mount namespace: the course's files stay readable where their modes allow)");
        }
    }

    private static void KillMembers(string cgroup)
    {
        for (var round = 0; round < 50; round++)
        {
            var members = File.Exists(Path.Combine(cgroup, "cgroup.procs"))
                ? File.ReadAllLines(Path.Combine(cgroup, "cgroup.procs")).Where(l => l.Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList()
                : [];
            if (members.Count == 0)
            {
                return;
            }

            SandboxProcesses.Kill(members);
            Thread.Sleep(20);
        }
    }

    private static void RemoveCgroup(string cgroup)
    {
        for (var round = 0; round < 50 && Directory.Exists(cgroup); round++)
        {
            try
            {
                Directory.Delete(cgroup); // a cgroup folder is removed empty: its control files are not files
            }
            catch (IOException)
            {
                Thread.Sleep(20); // a killed member not yet reaped
            }
        }
    }
}
