namespace NetCourse.Course.Kernels;

/// <summary>How a cell's execution ended.</summary>
public enum CellStatus
{
    /// <summary>The kernel reported success.</summary>
    Succeeded,

    /// <summary>The kernel reported a compile or run-time error.</summary>
    Failed,

    /// <summary>The cell did not finish within its timeout.</summary>
    TimedOut,

    /// <summary>The kernel process ended while the cell ran.</summary>
    KernelDied,

    /// <summary>The cell was not run because an earlier cell failed.</summary>
    Skipped,
}
