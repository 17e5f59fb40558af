namespace NetCourse.Course.Isolation;

/// <summary>
/// Hands out system accounts for sandboxed processes: <c>netcourse-UID</c> with user and group id UID from a fixed
/// range, made with groupadd and useradd when missing (so whatever looks the user up finds a name), one per lease, held by a lock file so that concurrent graders on one machine
/// never share one. Each submission's kernel, and its peer, get accounts of their own, so no submission can enter
/// another's folder or signal its processes.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class SandboxUsers
{
    /// <summary>The first id handed out.</summary>
    public const int First = 61_000;

    /// <summary>How many ids may be handed out.</summary>
    public const int Count = 1_000;

    /// <summary>The account name for <paramref name="uid"/>.</summary>
    public static string Name(int uid) => $"netcourse-{uid}";

    /// <summary>Leases a free account, making it if needed; dispose the lease to free it.</summary>
    /// <exception cref="InvalidOperationException">Every id of the range is in use, or useradd failed.</exception>
    public static UserLease Lease(string baseFolder, string useradd)
    {
        var folder = Path.Combine(baseFolder, "uids");
        SandboxFolders.EnsureRootFolder(baseFolder);
        SandboxFolders.EnsureRootFolder(folder, SandboxFolders.Private);
        var users = Accounts("/etc/passwd");
        var groups = Accounts("/etc/group");
        var busy = SandboxProcesses.Owners();
        for (var uid = First; uid < First + Count; uid++)
        {
            var free = (!users.TryGetValue(uid, out var user) || user == Name(uid)) && (!groups.TryGetValue(uid, out var group) || group == Name(uid));
            if (!free || busy.Contains(uid))
            {
                continue;
            }

            FileStream lockFile;
            try
            {
                lockFile = new FileStream(Path.Combine(folder, $"{uid}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                continue; // held by another grader
            }

            try
            {
                if (!groups.ContainsKey(uid))
                {
                    Run(Path.Combine(Path.GetDirectoryName(useradd)!, "groupadd"), ["--system", "--gid", $"{uid}", Name(uid)]);
                }

                if (!users.ContainsKey(uid))
                {
                    Run(useradd, ["--system", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", "--uid", $"{uid}", "--gid", $"{uid}", Name(uid)]);
                }
            }
            catch
            {
                lockFile.Dispose();
                throw;
            }

            return new UserLease(uid, lockFile);
        }

        throw new InvalidOperationException($"All {Count} sandbox user ids from {First} are in use.");
    }

    private static void Run(string tool, string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(tool, arguments);
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{tool} {string.Join(' ', arguments)}' failed (exit code {(process.HasExited ? process.ExitCode : -1)}).");
        }
    }

    private static Dictionary<int, string> Accounts(string file)
    {
        var accounts = new Dictionary<int, string>();
        foreach (var fields in File.Exists(file) ? File.ReadLines(file).Select(l => l.Split(':')) : [])
        {
            if (fields.Length > 2 && int.TryParse(fields[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                accounts.TryAdd(id, fields[0]);
            }
        }

        return accounts;
    }
}

/// <summary>A user id held for one sandbox; disposing frees it.</summary>
internal sealed class UserLease(int uid, FileStream lockFile) : IDisposable
{
    /// <summary>The user id (and group id).</summary>
    public int Uid { get; } = uid;

    /// <inheritdoc/>
    public void Dispose() => lockFile.Dispose();
}
