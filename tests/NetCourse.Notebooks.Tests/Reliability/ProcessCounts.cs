
namespace NetCourse.Notebooks.Tests.Reliability;

/// <summary>What a process holds, read from /proc: threads, open handles, sockets, and listening TCP sockets among them.</summary>
public sealed record ProcessCounts(int Threads, int Handles, int Sockets, int Listeners)
{
    /// <summary>Reads the counts of process <paramref name="pid"/> now.</summary>
    public static ProcessCounts Of(int pid)
    {
        var threads = int.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("Threads:", StringComparison.Ordinal))[8..].Trim());
        var links = Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd")
            .Select(fd => new FileInfo(fd).LinkTarget)
            .OfType<string>()
            .ToList();
        var socketInodes = links.Where(l => l.StartsWith("socket:[", StringComparison.Ordinal)).Select(l => long.Parse(l[8..^1])).ToHashSet();
        var listeners = TcpTable.Read().Listening.Count(e => socketInodes.Contains(e.Inode));
        return new ProcessCounts(threads, links.Count, socketInodes.Count, listeners);
    }
}
