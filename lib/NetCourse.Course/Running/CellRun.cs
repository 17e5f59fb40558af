using System.Text.Json.Nodes;
using NetCourse.Course.Kernels;
using NetCourse.Course.Notebooks;

namespace NetCourse.Course.Running;

/// <summary>One code cell's execution within a notebook run.</summary>
/// <param name="Cell">The cell that ran.</param>
/// <param name="Pass">Which pass over the notebook, from 1.</param>
/// <param name="Outcome">What it produced.</param>
public sealed record CellRun(NotebookCell Cell, int Pass, CellOutcome Outcome)
{
    /// <summary>The cell's number among the notebook's code cells, from 1, as a reader counts them.</summary>
    public int CodeCellNumber { get; init; }

    /// <summary>The variables read as JSON right after the cell ran (<see cref="RunOptions.ValuesAfterCell"/>), by name.</summary>
    public IReadOnlyDictionary<string, JsonNode?> Values { get; init; } = new Dictionary<string, JsonNode?>();

    /// <summary>A one-line description for reports and test failures.</summary>
    public string Describe(string notebookName) =>
        $"{notebookName}: code cell {CodeCellNumber} (cell index {Cell.Index}, pass {Pass}) {Outcome.Status}: {Outcome.Error}";
}
