using System.Net;
using System.Text.RegularExpressions;

namespace NetCourse.Course.Kernels;

/// <summary>One output of a cell: what kind it is and its value in each MIME type the kernel sent.</summary>
/// <param name="Kind">The kernel event that carried it: <c>return</c>, <c>display</c>, <c>stdout</c> or <c>stderr</c>.</param>
/// <param name="Values">MIME type to formatted value.</param>
public sealed partial record CellOutput(string Kind, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>The value for a MIME type, or null.</summary>
    public string? this[string mimeType] => Values.GetValueOrDefault(mimeType);

    /// <summary>The HTML form, or the plain text when there is no HTML.</summary>
    public string Text => this["text/html"] ?? this["text/plain"] ?? "";

    /// <summary>
    /// The plain-text form; when the kernel sent only HTML (it does for numbers and tables), the HTML's text: table cells
    /// joined by " | ", one line per row, no tags, styles or scripts, entities decoded, white space trimmed.
    /// </summary>
    public string PlainText => this["text/plain"] ?? HtmlToText(this["text/html"] ?? "");

    private static string HtmlToText(string html)
    {
        var text = StyleOrScript().Replace(html, "");
        text = CellBoundary().Replace(text, " | ");
        text = LineBoundary().Replace(text, "\n");
        return WebUtility.HtmlDecode(Tags().Replace(text, "")).Trim();
    }

    [GeneratedRegex("</t[dh]>\\s*<t[dh][^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex CellBoundary();

    [GeneratedRegex("</tr>|</caption>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBoundary();

    [GeneratedRegex("<(style|script)[^>]*>.*?</\\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex StyleOrScript();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
