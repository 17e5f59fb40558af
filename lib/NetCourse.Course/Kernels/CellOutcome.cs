using System.Text;

namespace NetCourse.Course.Kernels;

/// <summary>What one cell produced when it ran.</summary>
public sealed class CellOutcome
{
    /// <summary>How the execution ended.</summary>
    public required CellStatus Status { get; init; }

    /// <summary>The outputs in the order the kernel sent them.</summary>
    public required IReadOnlyList<CellOutput> Outputs { get; init; }

    /// <summary>The error message when the cell failed, timed out or its kernel died.</summary>
    public string? Error { get; init; }

    /// <summary>How long the cell ran.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>True when some output was dropped because the cell printed more than the output limit.</summary>
    public bool Truncated { get; init; }

    /// <summary>The value of the cell's last expression, if any.</summary>
    public CellOutput? ReturnValue => Outputs.LastOrDefault(o => o.Kind == CellOutputKinds.Return);

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
