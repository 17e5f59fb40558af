namespace NetCourse.Course.Isolation;

/// <summary>Where isolated kernels live and the limits they run under.</summary>
public sealed record IsolationOptions
{
    /// <summary>The root-owned folder of stages, sandboxes and user-id leases (writable by root only).</summary>
    public string BaseFolder { get; init; } = "/var/lib/netcourse";

    /// <summary>The most memory a submission's processes may use together (cgroup), in bytes.</summary>
    public long MaxMemoryBytes { get; init; } = 1536L << 20;

    /// <summary>The most managed heap the kernel may use (DOTNET_GCHeapHardLimit), in bytes; past it an allocation throws OutOfMemoryException.</summary>
    public long MaxHeapBytes { get; init; } = 1L << 30;

    /// <summary>The most processes and threads the submission's user may have at once.</summary>
    public int MaxProcesses { get; init; } = 512;

    /// <summary>The most files and sockets the kernel may have open at once.</summary>
    public int MaxOpenFiles { get; init; } = 65_536;

    /// <summary>The largest file the kernel may write, in bytes.</summary>
    public long MaxFileBytes { get; init; } = 64L << 20;

    /// <summary>The most CPU time one kernel may use, in seconds.</summary>
    public int MaxCpuSeconds { get; init; } = 900;

    /// <summary>Further folders the kernel must see empty (the submissions folder, the gradebook folder).</summary>
    public IReadOnlyList<string> HiddenFolders { get; init; } = [];
}
