namespace NetCourse;

/// <summary>Finds the programs the course can use (tcpdump, jupyter, chromium, ...) on this machine.</summary>
internal static class Programs
{
    // Debian puts tcpdump in /usr/bin, older systems in /usr/sbin, which is not on every user's PATH.
    private static readonly string[] SystemBinFolders = ["/usr/sbin", "/sbin"];

    /// <summary>The full path of <paramref name="name"/> in a folder on PATH (then /usr/sbin and /sbin), or null when there is none.</summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public static string? Find(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(SystemBinFolders)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
    }
}
