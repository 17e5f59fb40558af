using System.Text;

namespace NetCourse.Course.Kernels;

/// <summary>What one cell produced when it ran.</summary>
public sealed class CellOutcome
{
    private readonly CellEvents? _events;
    private readonly IReadOnlyList<CellOutput> _outputs = [];
    private readonly bool _truncated;

    /// <summary>An outcome with the outputs given in <see cref="Outputs"/>.</summary>
    public CellOutcome()
    {
    }

    // An outcome whose outputs are the command's events, including any that arrive after the cell finished.
    internal CellOutcome(CellEvents events) => _events = events;

    /// <summary>How the execution ended.</summary>
    public required CellStatus Status { get; init; }

    /// <summary>
    /// The outputs of this cell's command in the order the kernel sent them, including any that arrive after the cell
    /// finished (printed by a task the cell left running); never an output of another cell.
    /// </summary>
    public IReadOnlyList<CellOutput> Outputs { get => _events?.Outputs ?? _outputs; init => _outputs = value; }

    /// <summary>The error message when the cell failed, timed out or its kernel died.</summary>
    public string? Error { get; init; }

    /// <summary>How long the cell ran.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>True when some output was dropped because the cell printed more than the output limit.</summary>
    public bool Truncated { get => _events?.Truncated ?? _truncated; init => _truncated = value; }

    /// <summary>The value of the cell's last expression, if any.</summary>
    public CellOutput? ReturnValue => Outputs.LastOrDefault(o => o.Kind == CellOutputKinds.Return);

    /// <summary>
    /// The cell's own value formatted as <paramref name="mimeType"/> (e.g. <c>application/json</c>), or null when the cell
    /// returned no value or none in that MIME type. Only the value event of this cell's command counts, never output
    /// that the cell displayed or printed.
    /// </summary>
    public string? ReturnValueAs(string mimeType)
    {
        ArgumentException.ThrowIfNullOrEmpty(mimeType);
        return ReturnValue?[mimeType];
    }

    /// <summary>Everything the cell wrote to standard output.</summary>
    public string StandardOutput => Concat(CellOutputKinds.StandardOutput);

    /// <summary>Everything the cell wrote to standard error.</summary>
    public string StandardError => Concat(CellOutputKinds.StandardError);

    /// <summary>The HTML (or plain text) of every displayed and returned value, joined.</summary>
    public string DisplayedText => string.Join("\n", Outputs
        .Where(o => o.Kind is CellOutputKinds.Display or CellOutputKinds.Return)
        .Select(o => o.Text));

    private string Concat(string kind)
    {
        var text = new StringBuilder();
        foreach (var output in Outputs.Where(o => o.Kind == kind))
        {
            text.Append(output["text/plain"]);
        }

        return text.ToString();
    }
}
