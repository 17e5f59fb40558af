using System.Net;
using System.Text;

namespace NetCourse;

/// <summary>A small table with a caption, rendered as HTML in notebooks and as aligned text elsewhere.</summary>
public sealed class HtmlTable : ITabular
{
    private readonly List<string[]> _rows = [];

    /// <summary>Creates a table with the given column headers.</summary>
    public HtmlTable(params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length == 0)
        {
            throw new ArgumentException("A table needs at least one column.", nameof(columns));
        }

        Columns = columns;
    }

    /// <summary>Optional caption shown above the table.</summary>
    public string? Caption { get; init; }

    /// <summary>The column headers.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The rows added so far, each with one cell per column.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows => _rows;

    /// <summary>Adds a row; values are converted with <see cref="object.ToString"/> and HTML-escaped on render.</summary>
    public HtmlTable AddRow(params object?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != Columns.Count)
        {
            throw new ArgumentException($"Row has {cells.Length} cells but the table has {Columns.Count} columns.", nameof(cells));
        }

        _rows.Add([.. cells.Select(c => c?.ToString() ?? "")]);
        return this;
    }

    /// <inheritdoc/>
    public HtmlTable ToTable() => this;

    /// <summary>Renders the table as an HTML fragment.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder("<table class=\"netcourse\">");
        if (Caption is not null)
        {
            html.Append("<caption style=\"caption-side:top;text-align:left;font-weight:bold\">")
                .Append(WebUtility.HtmlEncode(Caption)).Append("</caption>");
        }

        html.Append("<thead><tr>");
        foreach (var column in Columns)
        {
            html.Append("<th style=\"text-align:left\">").Append(WebUtility.HtmlEncode(column)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in _rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td style=\"text-align:left\">").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
            }

            html.Append("</tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>Renders the table as aligned plain text (for consoles and file-based lessons).</summary>
    public override string ToString()
    {
        var widths = Columns.Select((c, i) => Math.Max(c.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        if (Caption is not null)
        {
            text.AppendLine(Caption);
        }

        AppendLine(text, Columns, widths);
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in _rows)
        {
            AppendLine(text, row, widths);
        }

        return text.ToString();
    }

    private static void AppendLine(StringBuilder text, IReadOnlyList<string> cells, int[] widths) =>
        text.AppendLine(string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
}
