namespace NetCourse.Course.Export;

/// <summary>
/// Just enough C# lexing to translate notebook cells without a compiler: blanks out comments and literals, and
/// splits a cell into its top-level statements by counting brackets.
/// </summary>
internal static class CSharpText
{
    private static readonly string[] BlockContinuations = ["else", "catch", "finally"];

    /// <summary>
    /// A copy of <paramref name="code"/> of the same length in which every comment is replaced by spaces and every string
    /// and character literal by zeros (line breaks kept), so that brackets, semicolons and words can be found by position.
    /// </summary>
    public static string Blank(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var blank = code.ToCharArray();
        var i = 0;
        while (i < code.Length)
        {
            var end = SkipLiteral(code, i);
            if (end < 0)
            {
                i++;
                continue;
            }

            var fill = code[i] == '/' ? ' ' : '0';
            for (var k = i; k < end && k < blank.Length; k++)
            {
                if (blank[k] is not ('\n' or '\r'))
                {
                    blank[k] = fill;
                }
            }

            i = end;
        }

        return new string(blank);
    }

    /// <summary>The top-level statements of a cell as [start, end) ranges; a trailing expression without <c>;</c> is the last range.</summary>
    public static IReadOnlyList<Range> Statements(string code)
    {
        var blank = Blank(code);
        var ranges = new List<Range>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < blank.Length; i++)
        {
            switch (blank[i])
            {
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']':
                    depth--;
                    break;
                case '}':
                    depth--;
                    if (depth == 0 && EndsBlock(blank, start, i))
                    {
                        ranges.Add(new Range(start, i + 1));
                        start = i + 1;
                    }

                    break;
                case ';' when depth == 0:
                    ranges.Add(new Range(start, i + 1));
                    start = i + 1;
                    break;
            }
        }

        if (!string.IsNullOrWhiteSpace(blank[start..]))
        {
            ranges.Add(new Range(start, blank.Length));
        }

        return ranges;
    }

    /// <summary>The index after a comment or literal that starts at <paramref name="i"/>, or -1 if none starts there.</summary>
    public static int SkipLiteral(string s, int i)
    {
        var c = s[i];
        var next = i + 1 < s.Length ? s[i + 1] : '\0';
        if (c == '/' && next == '/')
        {
            var end = s.IndexOf('\n', i);
            return end < 0 ? s.Length : end;
        }

        if (c == '/' && next == '*')
        {
            var end = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
            return end < 0 ? s.Length : end + 2;
        }

        if (c == '\'')
        {
            var k = i + 1;
            while (k < s.Length && s[k] != '\'' && s[k] != '\n')
            {
                k += s[k] == '\\' ? 2 : 1;
            }

            return Math.Min(k + 1, s.Length);
        }

        return c is '"' or '$' or '@' ? SkipString(s, i) : -1;
    }

    private static int SkipString(string s, int i)
    {
        var k = i;
        var dollars = 0;
        var verbatim = false;
        while (k < s.Length && (s[k] == '$' || s[k] == '@'))
        {
            dollars += s[k] == '$' ? 1 : 0;
            verbatim |= s[k] == '@';
            k++;
        }

        if (k >= s.Length || s[k] != '"')
        {
            return -1;
        }

        var quotes = 0;
        while (k + quotes < s.Length && s[k + quotes] == '"')
        {
            quotes++;
        }

        if (quotes >= 3)
        {
            var end = s.IndexOf(new string('"', quotes), k + quotes, StringComparison.Ordinal);
            return end < 0 ? s.Length : end + quotes;
        }

        if (quotes == 2 && !(verbatim && k + 2 < s.Length && s[k + 2] == '"'))
        {
            return k + 2;
        }

        k++;
        while (k < s.Length)
        {
            var c = s[k];
            if (c == '"')
            {
                if (verbatim && k + 1 < s.Length && s[k + 1] == '"')
                {
                    k += 2;
                    continue;
                }

                return k + 1;
            }

            if (c == '\\' && !verbatim)
            {
                k += 2;
            }
            else if (c == '{' && dollars > 0)
            {
                k = k + 1 < s.Length && s[k + 1] == '{' ? k + 2 : SkipHole(s, k + 1);
            }
            else if (c == '\n' && !verbatim)
            {
                return k;
            }
            else
            {
                k++;
            }
        }

        return s.Length;
    }

    private static int SkipHole(string s, int k)
    {
        var depth = 1;
        while (k < s.Length)
        {
            var end = SkipLiteral(s, k);
            if (end >= 0)
            {
                k = end;
                continue;
            }

            depth += s[k] == '{' ? 1 : s[k] == '}' ? -1 : 0;
            k++;
            if (depth == 0)
            {
                return k;
            }
        }

        return k;
    }

    // A '}' at depth 0 ends a statement unless the code goes on with the same expression or statement.
    private static bool EndsBlock(string blank, int start, int close)
    {
        var k = close + 1;
        while (k < blank.Length && char.IsWhiteSpace(blank[k]))
        {
            k++;
        }

        if (k >= blank.Length)
        {
            return true;
        }

        if (".?)],;:=+-*/%&|^<>!".Contains(blank[k], StringComparison.Ordinal))
        {
            return false;
        }

        var word = new string([.. blank[k..].TakeWhile(char.IsLetter)]);
        return !BlockContinuations.Contains(word)
            && !(word == "while" && blank[start..close].TrimStart().StartsWith("do", StringComparison.Ordinal))
            && !(word is "with" or "switch" or "is" or "as");
    }
}
