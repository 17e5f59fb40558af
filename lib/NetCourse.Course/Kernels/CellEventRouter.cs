using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;

namespace NetCourse.Course.Kernels;

/// <summary>
/// Credits each kernel event to the cell whose command caused it, by the command's token, as .NET Interactive does: a
/// child command's token is its parent's followed by ".n". An event of no registered command is dropped.
/// </summary>
internal sealed class CellEventRouter
{
    private readonly Dictionary<string, CellEvents> _cells = [];

    /// <summary>Starts collecting the outputs of <paramref name="command"/>.</summary>
    public CellEvents Register(KernelCommand command, int maxChars)
    {
        var events = new CellEvents(maxChars);
        lock (_cells)
        {
            _cells[command.GetOrCreateToken()] = events;
        }

        return events;
    }

    /// <summary>Adds a displayed, returned or printed value to the cell of its command.</summary>
    public void Route(KernelEvent value)
    {
        if (value is not DisplayEvent display || value.Command is null)
        {
            return;
        }

        CellEvents? cell = null;
        lock (_cells)
        {
            for (var command = value.Command; command is not null && cell is null; command = command.Parent)
            {
                for (var token = command.GetOrCreateToken(); cell is null; token = token[..token.LastIndexOf('.')])
                {
                    if (_cells.TryGetValue(token, out cell) || !token.Contains('.', StringComparison.Ordinal))
                    {
                        break;
                    }
                }
            }
        }

        cell?.Add(display);
    }
}
