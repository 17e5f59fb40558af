using Microsoft.DotNet.Interactive.Events;

namespace NetCourse.Course.Kernels;

/// <summary>
/// The outputs of one cell's command as they arrive, late ones included, up to a number of characters; the cell's value is
/// kept even after a flood of printed output, unless it alone is too large.
/// </summary>
internal sealed class CellEvents(int maxChars)
{
    private readonly List<CellOutput> _outputs = [];
    private long _chars;

    /// <summary>True once an output was dropped for the limit.</summary>
    public bool Truncated { get; private set; }

    /// <summary>The outputs so far, in arrival order.</summary>
    public IReadOnlyList<CellOutput> Outputs
    {
        get
        {
            lock (_outputs)
            {
                return [.. _outputs];
            }
        }
    }

    /// <summary>Keeps <paramref name="display"/> unless it would pass the limit.</summary>
    public void Add(DisplayEvent display)
    {
        var size = display.FormattedValues.Sum(v => (long)v.Value.Length);
        var kind = display switch
        {
            ReturnValueProduced => CellOutputKinds.Return,
            StandardOutputValueProduced => CellOutputKinds.StandardOutput,
            StandardErrorValueProduced => CellOutputKinds.StandardError,
            _ => CellOutputKinds.Display,
        };
        lock (_outputs)
        {
            var used = kind == CellOutputKinds.Return ? 0 : _chars;
            if (used + size > maxChars)
            {
                Truncated = true;
                return;
            }

            _chars += size;
            _outputs.Add(new CellOutput(kind, display.FormattedValues.GroupBy(v => v.MimeType).ToDictionary(g => g.Key, g => g.First().Value)));
        }
    }
}
