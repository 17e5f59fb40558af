using System.Text.Json.Nodes;
using NetCourse.Course.Kernels;
using NetCourse.Course.Notebooks;

namespace NetCourse.Course.Running;

/// <summary>The result of running a notebook's code cells in one kernel.</summary>
public sealed class NotebookRun
{
    /// <summary>The notebook that ran.</summary>
    public required Notebook Notebook { get; init; }

    /// <summary>Every cell execution, in order, over all passes.</summary>
    public required IReadOnlyList<CellRun> Cells { get; init; }

    /// <summary>Set when the kernel could not be started.</summary>
    public string? StartError { get; init; }

    /// <summary>The whole run's time, kernel start included.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>True when the kernel started and every cell succeeded.</summary>
    public bool Succeeded => StartError is null && Cells.All(c => c.Outcome.Status == CellStatus.Succeeded);

    /// <summary>The first cell that did not succeed, if any.</summary>
    public CellRun? FirstFailure => Cells.FirstOrDefault(c => c.Outcome.Status is not (CellStatus.Succeeded or CellStatus.Skipped));

    /// <summary>What went wrong, for a report or an assertion message; null when the run succeeded.</summary>
    public string? FailureMessage => StartError is not null
        ? $"{Notebook.Name}: the kernel did not start: {StartError}"
        : FirstFailure?.Describe(Notebook.Name);

    /// <summary>The outcome of a code cell (numbered from 1 among code cells) in a pass.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such cell ran.</exception>
    public CellOutcome CodeCell(int number, int pass = 1) =>
        Cells.FirstOrDefault(c => c.CodeCellNumber == number && c.Pass == pass)?.Outcome
        ?? throw new ArgumentOutOfRangeException(nameof(number), number, $"{Notebook.Name} has no code cell {number} in pass {pass}.");

    /// <summary>The run of the code cell whose id is <paramref name="id"/>, in a pass.</summary>
    /// <exception cref="ArgumentException">The notebook has no cell with that id, or more than one, or it did not run in that pass.</exception>
    public CellRun CellRun(string id, int pass = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var count = Notebook.Cells.Count(c => c.Id == id);
        if (count != 1)
        {
            throw new ArgumentException($"{Notebook.Name} has {count} cells with id '{id}'; a test's cell id must name exactly one.", nameof(id));
        }

        return Cells.FirstOrDefault(c => c.Pass == pass && c.Cell.Id == id)
            ?? throw new ArgumentException($"Cell '{id}' of {Notebook.Name} did not run in pass {pass}.", nameof(id));
    }

    /// <summary>The outcome of the code cell whose id is <paramref name="id"/>, in a pass.</summary>
    /// <exception cref="ArgumentException">The notebook has no cell with that id, or more than one, or it did not run in that pass.</exception>
    public CellOutcome Cell(string id, int pass = 1) => CellRun(id, pass).Outcome;

    /// <summary>The outcome of the first code cell (in a pass) whose source contains <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentException">No cell contains the text.</exception>
    public CellOutcome CellContaining(string text, int pass = 1) =>
        Cells.FirstOrDefault(c => c.Pass == pass && c.Cell.Source.Contains(text, StringComparison.Ordinal))?.Outcome
        ?? throw new ArgumentException($"{Notebook.Name} has no code cell containing '{text}' in pass {pass}.", nameof(text));

    /// <summary>A copy of the notebook holding each cell's latest outputs, as Jupyter would save it.</summary>
    public Notebook ToExecutedNotebook()
    {
        var executed = Notebook.Clone();
        var latest = Cells.Where(c => c.Outcome.Status != CellStatus.Skipped)
            .GroupBy(c => c.Cell.Index)
            .ToDictionary(g => g.Key, g => g.Last());
        var count = 0;
        foreach (var cell in executed.CodeCells)
        {
            if (!latest.TryGetValue(cell.Index, out var run))
            {
                continue;
            }

            count++;
            cell.Json["execution_count"] = count;
            cell.Json["outputs"] = JupyterOutputs.From(run.Outcome, count);
        }

        return executed;
    }
}
