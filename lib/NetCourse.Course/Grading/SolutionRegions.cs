using System.Text;
using System.Text.RegularExpressions;

namespace NetCourse.Course.Grading;

/// <summary>
/// The instructor's solution regions: the lines from <c>// BEGIN SOLUTION: hint</c> to <c>// END SOLUTION</c>. In the student
/// release each region becomes a stub that throws <see cref="NotImplementedException"/> with the hint.
/// </summary>
public static partial class SolutionRegions
{
    /// <summary>True when the source has at least one solution region.</summary>
    public static bool Any(string source) => (source ?? throw new ArgumentNullException(nameof(source))).Split('\n').Any(Begin().IsMatch);

    /// <summary>The code lines inside the regions (trimmed, without the markers), to check that a release contains none of them.</summary>
    public static IReadOnlyList<string> SolutionLines(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var lines = new List<string>();
        var inside = false;
        foreach (var line in source.Split('\n'))
        {
            if (Begin().IsMatch(line))
            {
                inside = true;
            }
            else if (End().IsMatch(line))
            {
                inside = false;
            }
            else if (inside && line.Trim().Length > 0)
            {
                lines.Add(line.Trim());
            }
        }

        return lines;
    }

    /// <summary>Replaces every region with a stub that throws with the region's hint.</summary>
    /// <exception cref="InvalidDataException">A region is not closed, or an END comes without a BEGIN.</exception>
    public static string Strip(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var output = new StringBuilder();
        var inside = false;
        foreach (var line in source.Split('\n'))
        {
            var begin = Begin().Match(line);
            if (begin.Success)
            {
                if (inside)
                {
                    throw new InvalidDataException($"A solution region starts inside another one: '{line.Trim()}'.");
                }

                inside = true;
                var indent = begin.Groups["indent"].Value;
                var hint = begin.Groups["hint"].Value.Trim();
                output.Append(indent).Append("// Your code here.").Append('\n');
                output.Append(indent).Append("throw new NotImplementedException(").Append(Quote(hint.Length > 0 ? hint : "write this part")).Append(");\n");
            }
            else if (End().IsMatch(line))
            {
                if (!inside)
                {
                    throw new InvalidDataException("'// END SOLUTION' without a matching '// BEGIN SOLUTION'.");
                }

                inside = false;
            }
            else if (!inside)
            {
                output.Append(line).Append('\n');
            }
        }

        if (inside)
        {
            throw new InvalidDataException("A '// BEGIN SOLUTION' region is never closed with '// END SOLUTION'.");
        }

        return output.ToString()[..^1];
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex(@"^(?<indent>\s*)//\s*BEGIN SOLUTION:?(?<hint>.*)$")]
    private static partial Regex Begin();

    [GeneratedRegex(@"^\s*//\s*END SOLUTION\s*$")]
    private static partial Regex End();
}
