using System.Globalization;
using System.Text;

namespace NetCourse.Course.Running;

/// <summary>A table of lessons run: status, cells, time and the first failure.</summary>
public sealed class RunReport
{
    private readonly List<(string Lesson, string Target, bool Ok, int? Cells, TimeSpan Elapsed, string? Failure)> _rows = [];

    /// <summary>True when every lesson added so far succeeded.</summary>
    public bool AllSucceeded => _rows.All(r => r.Ok);

    /// <summary>Adds a kernel run.</summary>
    public void Add(NotebookRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Add(run.Notebook.Name, succeeded: run.Succeeded, cells: run.Cells.Count, elapsed: run.Elapsed, failure: run.FailureMessage);
    }

    /// <summary>Adds a row for a lesson run some other way.</summary>
    public void Add(string lesson, bool succeeded, int cells, TimeSpan elapsed, string? failure) =>
        _rows.Add((lesson, "kernel", succeeded, cells, elapsed, failure));

    /// <summary>Adds a row for a lesson run on <paramref name="target"/> (kernel, jupyter, file); <paramref name="cells"/> null when not counted.</summary>
    public void Add(string lesson, string target, bool succeeded, int? cells, TimeSpan elapsed, string? failure) =>
        _rows.Add((lesson, target, succeeded, cells, elapsed, failure));

    /// <summary>The table as aligned text, with a totals line.</summary>
    public string ToText()
    {
        var width = Math.Max(6, _rows.Count == 0 ? 0 : _rows.Max(r => r.Lesson.Length));
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"lesson".PadRight(width)}  target   status  cells   time (s)");
        text.AppendLine(new string('-', width + 38));
        foreach (var (lesson, target, ok, cells, elapsed, _) in _rows)
        {
            var count = cells?.ToString(CultureInfo.InvariantCulture) ?? "-";
            text.AppendLine(CultureInfo.InvariantCulture, $"{lesson.PadRight(width)}  {target,-7}  {(ok ? "ok" : "FAILED"),-6}  {count,5}  {elapsed.TotalSeconds,9:0.0}");
        }

        foreach (var (_, _, _, _, _, failure) in _rows.Where(r => !r.Ok))
        {
            text.AppendLine(failure);
        }

        var failed = _rows.Count(r => !r.Ok);
        text.AppendLine(CultureInfo.InvariantCulture, $"{_rows.Count - failed} passed, {failed} failed");
        return text.ToString();
    }
}
