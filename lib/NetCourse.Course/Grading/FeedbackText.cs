using System.Net;
using System.Text;

namespace NetCourse.Course.Grading;

/// <summary>Makes learner-controlled text safe inside a Markdown feedback file: one line, HTML-encoded, Markdown escaped, cut to a bound.</summary>
public static class FeedbackText
{
    /// <summary>The most characters of one learner-controlled text kept.</summary>
    public const int MaxChars = 300;

    /// <summary>The text as inert Markdown: no tag, heading, emphasis, link, table cell or line break of its own.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var flat = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length > MaxChars)
        {
            flat = flat[..MaxChars] + "…";
        }

        var encoded = WebUtility.HtmlEncode(flat);
        var output = new StringBuilder(encoded.Length + 16);
        foreach (var c in encoded)
        {
            if (@"\`*_{}[]()#+-.!|~<>=".Contains(c, StringComparison.Ordinal))
            {
                output.Append('\\');
            }

            output.Append(c);
        }

        return output.ToString();
    }
}
