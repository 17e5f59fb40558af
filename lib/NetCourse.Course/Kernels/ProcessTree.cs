using System.Diagnostics;

namespace NetCourse.Course.Kernels;

/// <summary>Finds and ends a process with all of its descendants.</summary>
internal static class ProcessTree
{
    /// <summary>The ids of a process's descendants (Linux: read from /proc; elsewhere empty).</summary>
    public static IReadOnlyList<int> Descendants(int pid)
    {
        var found = new List<int>();
        var pending = new Stack<int>([pid]);
        while (pending.TryPop(out var parent))
        {
            foreach (var child in Children(parent))
            {
                found.Add(child);
                pending.Push(child);
            }
        }

        return found;
    }

    /// <summary>Kills the process and every descendant, ignoring ones that already ended.</summary>
    public static void Kill(int pid, IEnumerable<int> knownDescendants)
    {
        var all = Descendants(pid).Concat(knownDescendants).Append(pid).Distinct();
        foreach (var id in all)
        {
            try
            {
                using var process = Process.GetProcessById(id);
                process.Kill(entireProcessTree: true);
            }
            catch (ArgumentException)
            {
                // Already ended.
            }
            catch (InvalidOperationException)
            {
                // Ended between the lookup and the kill.
            }
        }
    }

    private static List<int> Children(int pid)
    {
        var tasks = $"/proc/{pid}/task";
        if (!Directory.Exists(tasks))
        {
            return [];
        }

        var children = new List<int>();
        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            try
            {
                var text = File.ReadAllText(Path.Combine(task, "children"));
                children.AddRange(text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse));
            }
            catch (IOException)
            {
                // The thread ended while we read.
            }
        }

        return children;
    }
}
