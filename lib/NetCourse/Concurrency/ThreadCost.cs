using System.Diagnostics;
using System.Globalization;

namespace NetCourse;

/// <summary>
/// What a waiting thread costs this process, measured: start a number of threads that each block on an event, and
/// read the time it took and how much resident memory and address space the process grew by; then the same number of
/// tasks awaiting one event, and the bytes they allocated.
/// </summary>
public sealed class ThreadCost : ITabular
{
    /// <summary>The largest number of threads one measurement may start.</summary>
    public const int MaxThreads = 2000;

    private ThreadCost(int count, double threadStartMicroseconds, double rssBytes, double virtualBytes, double taskStartMicroseconds, double taskBytes)
    {
        Count = count;
        ThreadStartMicroseconds = threadStartMicroseconds;
        ThreadResidentBytes = rssBytes;
        ThreadAddressSpaceBytes = virtualBytes;
        TaskStartMicroseconds = taskStartMicroseconds;
        TaskBytes = taskBytes;
    }

    /// <summary>How many threads (and tasks) were started.</summary>
    public int Count { get; }

    /// <summary>Time to start one thread and see it running, averaged.</summary>
    public double ThreadStartMicroseconds { get; }

    /// <summary>Growth of the process's resident memory per waiting thread.</summary>
    public double ThreadResidentBytes { get; }

    /// <summary>Growth of the process's address space per waiting thread (mostly its reserved stack).</summary>
    public double ThreadAddressSpaceBytes { get; }

    /// <summary>Time to start one task that waits, averaged.</summary>
    public double TaskStartMicroseconds { get; }

    /// <summary>Bytes allocated per waiting task (its state machine and continuation).</summary>
    public double TaskBytes { get; }

    /// <summary>Starts <paramref name="count"/> threads and <paramref name="count"/> tasks, each waiting, and measures them. Every wait is bounded (10 s).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is not from 1 to <see cref="MaxThreads"/>.</exception>
    /// <exception cref="TimeoutException">The threads did not all start within 10 s.</exception>
    public static ThreadCost Measure(int count = 500)
    {
        if (count is < 1 or > MaxThreads)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Thread count {count} must be from 1 to {MaxThreads}.");
        }

        var limit = TimeSpan.FromSeconds(10);
        using var process = Process.GetCurrentProcess();
        GC.Collect();
        process.Refresh();
        var (rssBefore, virtualBefore) = (process.WorkingSet64, process.VirtualMemorySize64);
        using var gate = new ManualResetEventSlim();
        using var running = new CountdownEvent(count);
        var threads = new Thread[count];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            threads[i] = new Thread(() =>
            {
                running.Signal();
                gate.Wait(limit);
            }) { IsBackground = true };
            threads[i].Start();
        }

        var started = running.Wait(limit);
        var threadMicros = clock.Elapsed.TotalMicroseconds / count;
        process.Refresh();
        var (rssAfter, virtualAfter) = (process.WorkingSet64, process.VirtualMemorySize64);
        gate.Set();
        foreach (var thread in threads)
        {
            thread.Join(limit);
        }

        if (!started)
        {
            throw new TimeoutException($"{count} threads did not all start within {limit.TotalSeconds:0} s.");
        }

        var (taskMicros, taskBytes) = MeasureTasks(count);
        return new ThreadCost(count, threadMicros, (double)(rssAfter - rssBefore) / count, (double)(virtualAfter - virtualBefore) / count, taskMicros, taskBytes);
    }

    /// <summary>A sentence: what <paramref name="clients"/> waiting clients would cost as threads and as tasks, at the rates measured.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The number of clients is not positive.</exception>
    public string Describe(int clients)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clients);
        var n = clients.ToString("N0", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"At the rates measured for {Count} here, {n} waiting clients as threads would reserve {ThreadAddressSpaceBytes * clients / (1L << 30):N1} GiB of address space for stacks, " +
            $"hold {ThreadResidentBytes * clients / (1 << 20):N0} MiB of resident memory and take {ThreadStartMicroseconds * clients / 1e6:N1} s just to start; " +
            $"as tasks they would take {TaskBytes * clients / (1 << 20):N1} MiB of managed heap and {TaskStartMicroseconds * clients / 1e3:N0} ms.");
    }

    /// <inheritdoc/>
    public HtmlTable ToTable() =>
        new HtmlTable("each", "start µs", "resident KiB", "address space KiB", "managed bytes")
        {
            Caption = $"{Count} waiting threads vs {Count} waiting tasks, per item (this process, measured)",
        }
            .AddRow("thread", F(ThreadStartMicroseconds), F(ThreadResidentBytes / 1024), F(ThreadAddressSpaceBytes / 1024), "-")
            .AddRow("task", F(TaskStartMicroseconds), "-", "-", F(TaskBytes));

    private static (double Micros, double Bytes) MeasureTasks(int count)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = new Task[count];
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            tasks[i] = WaitAsync(gate.Task);
        }

        var micros = clock.Elapsed.TotalMicroseconds / count;
        var bytes = (double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / count;
        gate.SetResult();
        Task.WaitAll(tasks, TimeSpan.FromSeconds(10));
        return (micros, bytes);
    }

    private static async Task WaitAsync(Task gate) => await gate.ConfigureAwait(false);

    private static string F(double value) => value.ToString("N1", CultureInfo.InvariantCulture);
}
