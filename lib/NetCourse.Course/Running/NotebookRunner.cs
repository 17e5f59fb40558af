using System.Diagnostics;
using System.Text.Json.Nodes;
using NetCourse.Course.Kernels;
using NetCourse.Course.Notebooks;

namespace NetCourse.Course.Running;

/// <summary>Runs a notebook's code cells in order in a fresh kernel, each with a timeout.</summary>
public static class NotebookRunner
{
    /// <summary>Runs the notebook at <paramref name="path"/>.</summary>
    public static Task<NotebookRun> RunAsync(string path, RunOptions? options = null, CancellationToken cancellationToken = default) =>
        RunAsync(Notebook.Load(path), options, cancellationToken);

    /// <summary>Runs a loaded notebook; its <see cref="Notebook.Path"/> folder is the default working directory.</summary>
    public static async Task<NotebookRun> RunAsync(Notebook notebook, RunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        options ??= new RunOptions();
        if (options.Passes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Passes, "Passes must be at least 1.");
        }

        var clock = Stopwatch.StartNew();
        var launcher = options.Launcher
            ?? new PlainLauncher(new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(notebook.Path ?? ".")) ?? "."));
        var runs = new List<CellRun>();
        KernelSession session;
        try
        {
            session = await KernelSession.StartAsync(launcher, options.StartTimeout, options.MaxOutputChars, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            return new NotebookRun { Notebook = notebook, Cells = runs, StartError = e.Message, Elapsed = clock.Elapsed };
        }

        await using (session.ConfigureAwait(false))
        {
            string? preambleError = null;
            if (options.Preamble is { } preamble)
            {
                var outcome = await session.RunAsync(preamble, options.CellTimeout, cancellationToken).ConfigureAwait(false);
                preambleError = outcome.Status == CellStatus.Succeeded ? null : $"the preamble failed: {outcome.Error}";
            }

            var stopped = preambleError is not null;
            var code = notebook.CodeCells.ToList();
            for (var pass = 1; pass <= options.Passes; pass++)
            {
                for (var i = 0; i < code.Count; i++)
                {
                    var outcome = stopped
                        ? new CellOutcome { Status = CellStatus.Skipped, Outputs = [] }
                        : await session.RunAsync(code[i].Source, options.CellTimeout, cancellationToken).ConfigureAwait(false);
                    var values = outcome.Status == CellStatus.Succeeded && code[i].Id is { } id && options.ValuesAfterCell.TryGetValue(id, out var names)
                        ? await ReadValuesAsync(session, names, options.CellTimeout, cancellationToken).ConfigureAwait(false)
                        : new Dictionary<string, JsonNode?>();
                    runs.Add(new CellRun(code[i], pass, outcome) { CodeCellNumber = i + 1, Values = values });
                    stopped |= outcome.Status switch
                    {
                        CellStatus.Succeeded or CellStatus.Skipped => false,
                        CellStatus.Failed => !options.ContinueAfterFailure,
                        _ => !options.ContinueAfterFailure || !session.IsAlive || outcome.Status == CellStatus.TimedOut,
                    };
                }
            }

            return new NotebookRun { Notebook = notebook, Cells = runs, StartError = preambleError, Elapsed = clock.Elapsed };
        }
    }

    private static async Task<Dictionary<string, JsonNode?>> ReadValuesAsync(
        KernelSession session, IReadOnlyList<string> names, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, JsonNode?>();
        foreach (var name in names)
        {
            values[name] = await session.ValueAsync(name, timeout, cancellationToken).ConfigureAwait(false);
        }

        return values;
    }
}
