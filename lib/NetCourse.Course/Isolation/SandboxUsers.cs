namespace NetCourse.Course.Isolation;

/// <summary>
/// Hands out user ids for sandboxed processes: ids of no account (not in /etc/passwd or /etc/group) that own no
/// running process, one per lease, held by a lock file so that concurrent graders on one machine never share one.
/// Each submission's kernel, and its peer, get ids of their own, so no submission can enter another's folder.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class SandboxUsers
{
    /// <summary>The first id handed out.</summary>
    public const int First = 61_000;

    /// <summary>How many ids may be handed out.</summary>
    public const int Count = 1_000;

    /// <summary>Leases a free id; dispose the lease to free it.</summary>
    /// <exception cref="InvalidOperationException">Every id of the range is in use.</exception>
    public static UserLease Lease(string baseFolder)
    {
        var folder = Path.Combine(baseFolder, "uids");
        SandboxFolders.EnsureRootFolder(baseFolder);
        SandboxFolders.EnsureRootFolder(folder, SandboxFolders.Private);
        var accounts = Ids("/etc/passwd").Concat(Ids("/etc/group")).ToHashSet();
        var busy = SandboxProcesses.Owners();
        for (var uid = First; uid < First + Count; uid++)
        {
            if (accounts.Contains(uid) || busy.Contains(uid))
            {
                continue;
            }

            try
            {
                var lockFile = new FileStream(Path.Combine(folder, $"{uid}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return new UserLease(uid, lockFile);
            }
            catch (IOException)
            {
                // Held by another grader.
            }
        }

        throw new InvalidOperationException($"All {Count} sandbox user ids from {First} are in use.");
    }

    private static IEnumerable<int> Ids(string file) =>
        File.Exists(file)
            ? File.ReadLines(file).Select(l => l.Split(':')).Where(f => f.Length > 2 && int.TryParse(f[2], out _)).Select(f => int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture))
            : [];
}

/// <summary>A user id held for one sandbox; disposing frees it.</summary>
internal sealed class UserLease(int uid, FileStream lockFile) : IDisposable
{
    /// <summary>The user id (and group id).</summary>
    public int Uid { get; } = uid;

    /// <inheritdoc/>
    public void Dispose() => lockFile.Dispose();
}
