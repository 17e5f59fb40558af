using NetCourse.Course.Notebooks;

namespace NetCourse.Course.Running;

/// <summary>The outcome of running one lesson outside the course's own kernel driver (through Jupyter, dotnet-repl, or as a file-based app).</summary>
/// <param name="Lesson">The lesson's file name without extension.</param>
/// <param name="Target">How it ran: <c>jupyter</c>, <c>repl</c> or <c>file</c>.</param>
/// <param name="Succeeded">True when it completed without an error.</param>
/// <param name="Cells">The code cells executed, when the target counts them.</param>
/// <param name="Elapsed">The wall-clock time, start-up included.</param>
/// <param name="Failure">What went wrong, or null.</param>
/// <param name="Output">What the run printed (standard output and error).</param>
public sealed record LessonRunResult(string Lesson, string Target, bool Succeeded, int? Cells, TimeSpan Elapsed, string? Failure, string Output)
{
    /// <summary>
    /// The result of a run that saved its executed notebook at <paramref name="executedPath"/>: it failed when a cell holds
    /// an error output. A cell counts as executed when it has an execution count (Jupyter) or execution times (dotnet-repl).
    /// </summary>
    public static LessonRunResult FromExecutedNotebook(string lesson, string target, string executedPath, TimeSpan elapsed, string output)
    {
        var executed = Notebook.Load(executedPath);
        var cells = executed.CodeCells.Count(c => c.Json["execution_count"] is not null || c.Json["metadata"]?["dotnet_repl_cellExecutionEndTime"] is not null);
        var error = executed.CodeCells
            .SelectMany(c => (c.Json["outputs"]?.AsArray() ?? []).Select(o => (Cell: c, Output: o)))
            .FirstOrDefault(x => (string?)x.Output?["output_type"] == "error");
        var failure = error.Output is null
            ? null
            : $"{lesson}: cell {error.Cell.Index} has an error: {error.Output["ename"]}: {error.Output["evalue"]}";
        return new LessonRunResult(lesson, target, failure is null, cells, elapsed, failure, output);
    }

    /// <summary>Adds this result as a row of <paramref name="report"/>.</summary>
    public void AddTo(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        report.Add(Lesson, Target, Succeeded, Cells, Elapsed, Failure);
    }
}
