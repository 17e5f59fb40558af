using System.Net;

namespace NetCourse;

/// <summary>Finds which process holds a TCP socket, from /proc (Linux); elsewhere nothing is found.</summary>
internal static class SocketOwner
{
    /// <summary>"process 1234 (dotnet)" for the process listening on <paramref name="endPoint"/>, or null when it cannot be told.</summary>
    public static string? OfListener(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var inode = TcpTable.Read().Listening
            .FirstOrDefault(e => e.Local.Port == endPoint.Port && (e.Local.Address.Equals(endPoint.Address) || IsAny(e.Local.Address)))?.Inode;
        if (inode is not { } wanted || wanted == 0 || !Directory.Exists("/proc"))
        {
            return null;
        }

        var target = $"socket:[{wanted}]";
        foreach (var process in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                if (Directory.EnumerateFileSystemEntries(Path.Combine(process, "fd")).Any(fd => new FileInfo(fd).LinkTarget == target))
                {
                    var pid = Path.GetFileName(process);
                    var name = File.ReadAllText(Path.Combine(process, "comm")).Trim();
                    return pid == Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)
                        ? $"this process ({pid}, {name})"
                        : $"process {pid} ({name})";
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended, or its descriptors are not ours to read.
            }
        }

        return null;
    }

    private static bool IsAny(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
}
