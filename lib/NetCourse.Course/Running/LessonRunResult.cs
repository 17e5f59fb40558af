namespace NetCourse.Course.Running;

/// <summary>The outcome of running one lesson outside the course's own kernel driver (through Jupyter, or as a file-based app).</summary>
/// <param name="Lesson">The lesson's file name without extension.</param>
/// <param name="Target">How it ran: <c>jupyter</c> or <c>file</c>.</param>
/// <param name="Succeeded">True when it completed without an error.</param>
/// <param name="Cells">The code cells executed, when the target counts them.</param>
/// <param name="Elapsed">The wall-clock time, start-up included.</param>
/// <param name="Failure">What went wrong, or null.</param>
/// <param name="Output">What the run printed (standard output and error).</param>
public sealed record LessonRunResult(string Lesson, string Target, bool Succeeded, int? Cells, TimeSpan Elapsed, string? Failure, string Output)
{
    /// <summary>Adds this result as a row of <paramref name="report"/>.</summary>
    public void AddTo(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        report.Add(Lesson, Target, Succeeded, Cells, Elapsed, Failure);
    }
}
