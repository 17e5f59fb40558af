using System.Text;
using System.Text.RegularExpressions;
using NetCourse.Course.Notebooks;

namespace NetCourse.Course.Export;

/// <summary>
/// Turns a lesson notebook into a .NET 10 file-based app (<c>notebooks/run/NN-topic.cs</c>): markdown becomes comments,
/// code cells become top-level statements, each cell's last expression is shown with the library's text display.
/// Works on the text alone: the course never compiles C# itself.
/// </summary>
public static partial class LessonExporter
{
    /// <summary>The command that regenerates the exported lessons.</summary>
    public const string ExportCommandLine = "dotnet run --project lib/NetCourse.Course -- export";

    /// <summary>The folder, below the notebooks folder, that holds the exported lessons.</summary>
    public const string RunFolderName = "run";

    private static readonly string[] Keywords =
    [
        "return", "throw", "await", "new", "yield", "goto", "else", "case", "using", "is", "as", "in", "out", "ref",
        "default", "typeof", "sizeof", "nameof", "checked", "unchecked", "lock", "fixed", "if", "while", "for",
        "foreach", "switch", "do", "try", "catch", "finally", "break", "continue",
    ];

    /// <summary>Namespaces the C# kernel imports in every notebook that a file-based app's implicit usings lack.</summary>
    public static IReadOnlyList<string> KernelDefaultNamespaces { get; } = ["System.Collections", "System.Text"];

    /// <summary>
    /// The namespaces the lessons' setup script (<c>lib/netcourse.csx</c>, its <c>Imports</c> line) imports into every
    /// notebook, imported at the top of every exported lesson as well.
    /// </summary>
    /// <exception cref="InvalidDataException">The script has no <c>Imports</c> line.</exception>
    public static IReadOnlyList<string> SetupNamespaces(CoursePaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var imports = SetupImports().Match(File.ReadAllText(paths.SetupScript));
        return imports.Success
            ? [.. SetupUsing().Matches(imports.Groups["usings"].Value).Select(m => m.Groups["name"].Value)]
            : throw new InvalidDataException($"{paths.SetupScript} has no line 'const string Imports = \"using ...;\";' naming the namespaces it imports.");
    }

    /// <summary>Where the export of <paramref name="notebookPath"/> goes: <c>run/NN-topic.cs</c> beside it.</summary>
    public static string TargetPath(string notebookPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(notebookPath);
        var folder = Path.GetDirectoryName(Path.GetFullPath(notebookPath))!;
        return Path.Combine(folder, RunFolderName, Path.GetFileNameWithoutExtension(notebookPath) + ".cs");
    }

    /// <summary>
    /// The file-based app for <paramref name="notebook"/>. <paramref name="forLearners"/> heads it for a student release,
    /// where the file is one of the ways to work the exercises, instead of as a generated file not to edit.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// Two cells declare the same name (fine in a notebook, where each cell is a new submission; an error in one file).
    /// </exception>
    public static string Export(Notebook notebook, IReadOnlyList<string> setupNamespaces, bool forLearners = false)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        ArgumentNullException.ThrowIfNull(setupNamespaces);
        var name = notebook.Name;
        var usings = KernelDefaultNamespaces
            .Concat(setupNamespaces)
            .Distinct()
            .Select(ns => $"using {ns};")
            .ToList();
        var body = new StringBuilder();
        var types = new StringBuilder();
        var declared = new Dictionary<string, NotebookCell>(StringComparer.Ordinal);

        foreach (var cell in notebook.Cells)
        {
            if (cell.Kind == "markdown")
            {
                AppendComment(body, cell.Source);
                continue;
            }

            if (!cell.IsCode)
            {
                continue;
            }

            if (cell.Role == "setup")
            {
                body.Append("// (setup cell: the library is referenced by the #:project line above)\n")
                    .Append("ConsoleDisplay.Start(\"").Append(name).Append("\");\n")
                    .Append("static void display(object? value) => ConsoleDisplay.Show(value);\n\n");
                continue;
            }

            var code = DropMagicLines(cell.Source).Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\n');
            if (string.IsNullOrWhiteSpace(code))
            {
                continue;
            }

            var label = cell.Role is null ? $"cell {cell.Index}" : $"cell {cell.Index} ({cell.Role} {cell.Exercise})".Replace(" )", ")", StringComparison.Ordinal);
            var statements = new StringBuilder();
            var blank = CSharpText.Blank(code);
            var ranges = CSharpText.Statements(code);
            for (var r = 0; r < ranges.Count; r++)
            {
                var (start, end) = (ranges[r].Start.Value, ranges[r].End.Value);
                var text = code[start..end];
                var shape = blank[start..end].Trim();
                foreach (var declaredName in DeclaredNames(shape))
                {
                    if (declared.TryGetValue(declaredName, out var earlier) && earlier.Index != cell.Index)
                    {
                        throw new InvalidDataException(
                            $"{name}: cell {cell.Index} declares '{declaredName}', which cell {earlier.Index} already declares. " +
                            "In one file that is an error: rename one of them in the notebook, then export again.");
                    }

                    declared[declaredName] = cell;
                }

                if (UsingDirective().IsMatch(shape))
                {
                    var directive = Regex.Replace(text.Trim(), @"\s+", " ");
                    if (!usings.Contains(directive))
                    {
                        usings.Add(directive);
                    }

                    continue;
                }

                if (TypeDeclaration().IsMatch(shape))
                {
                    types.Append("// (from ").Append(label).Append(": types follow the top-level statements in a file)\n")
                        .Append(text.Trim('\n')).Append("\n\n");
                    continue;
                }

                var isTail = r == ranges.Count - 1 && !shape.EndsWith(';') && !shape.EndsWith('}');
                statements.Append(isTail ? Display(text, blank[start..end]) : text);
            }

            var translated = statements.ToString().Trim('\n');
            if (translated.Trim().Length > 0)
            {
                body.Append("// ---- ").Append(label).Append(" ----\n").Append(translated).Append("\n\n");
            }
        }

        var file = new StringBuilder();
        if (forLearners)
        {
            file.Append("// ").Append(name).Append(" — the lesson notebooks/").Append(name).Append(".ipynb as a program. Write your answers where a line\n")
                .Append("// throws NotImplementedException; the check after each exercise scores them. Run it from the course folder with:\n");
        }
        else
        {
            file.Append("// ").Append(name).Append(" — generated from notebooks/").Append(name).Append(".ipynb by `").Append(ExportCommandLine).Append("`.\n")
                .Append("// Do not edit: edit the notebook and export again. Run it from the repository root with:\n");
        }

        file
            .Append("//   dotnet run notebooks/").Append(RunFolderName).Append('/').Append(name).Append(".cs\n")
            .Append("// Tables print as text; charts and drawings are written as HTML files to notebooks/").Append(RunFolderName).Append("/out/.\n")
            .Append("#:project ../../lib/NetCourse/NetCourse.csproj\n")
            .Append("#:property PublishAot=false\n\n");
        foreach (var directive in usings)
        {
            file.Append(directive).Append('\n');
        }

        file.Append('\n').Append(body.ToString().TrimEnd('\n')).Append('\n');
        if (types.Length > 0)
        {
            file.Append('\n').Append(types.ToString().TrimEnd('\n')).Append('\n');
        }

        return file.ToString();
    }

    private static string Display(string text, string blank)
    {
        var first = 0;
        while (first < blank.Length && char.IsWhiteSpace(blank[first]))
        {
            first++;
        }

        var last = blank.Length;
        while (last > first && char.IsWhiteSpace(blank[last - 1]))
        {
            last--;
        }

        var expression = text[first..last];
        var statementOnly = NoValue().IsMatch(blank[first..last]);
        return text[..first] + (statementOnly ? expression + ";" : $"display({expression});") + text[last..];
    }

    private static IEnumerable<string> DeclaredNames(string shape)
    {
        var type = TypeDeclaration().Match(shape);
        if (type.Success)
        {
            yield return type.Groups["name"].Value;
            yield break;
        }

        var deconstruction = Deconstruction().Match(shape);
        if (deconstruction.Success)
        {
            foreach (var part in deconstruction.Groups["names"].Value.Split(','))
            {
                var words = part.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length == 1 && shape.StartsWith("var", StringComparison.Ordinal) || words.Length == 2)
                {
                    yield return words[^1];
                }
            }

            yield break;
        }

        var declaration = Declaration().Match(shape);
        if (declaration.Success && !Keywords.Contains(declaration.Groups["type"].Value))
        {
            yield return declaration.Groups["name"].Value;
        }
    }

    private static void AppendComment(StringBuilder body, string markdown)
    {
        foreach (var line in markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\n').Split('\n'))
        {
            body.Append(line.Length == 0 ? "//" : "// " + line.TrimEnd()).Append('\n');
        }

        body.Append('\n');
    }

    private static string DropMagicLines(string source) =>
        string.Join('\n', source.Split('\n').Where(line => !MagicLine().IsMatch(line)));

    [GeneratedRegex(@"const\s+string\s+Imports\s*=\s*""(?<usings>[^""]*)""")]
    private static partial Regex SetupImports();

    [GeneratedRegex(@"using\s+(?<name>[A-Za-z_][\w.]*)\s*;")]
    private static partial Regex SetupUsing();

    [GeneratedRegex(@"^\s*#(r|i|!)\b|^\s*#!")]
    private static partial Regex MagicLine();

    [GeneratedRegex(@"^(global\s+)?using\s+(?!var\b)(static\s+)?[A-Za-z_][\w.]*(\s*=\s*[\w.<>, ]+)?\s*;$")]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"^((public|internal|private|sealed|abstract|static|partial|readonly|file|ref|unsafe)\s+)*(class|record|struct|interface|enum)\s+(struct\s+|class\s+)?(?<name>[A-Za-z_]\w*)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"^(var\s*)?\((?<names>[^()=;]*)\)\s*=[^=>]")]
    private static partial Regex Deconstruction();

    [GeneratedRegex(@"^((await|static|async|unsafe|const|using|extern)\s+)*(?<type>[A-Za-z_][\w.]*(<[^;=()]*?>)?(\[[,\s]*\])*\??|\([^;=()]*\))\s+(?<name>[A-Za-z_]\w*)\s*(<[^;=()]*>\s*)?(=[^=>]|;|,|\(|=>)")]
    private static partial Regex Declaration();

    // Last expressions that have no value to show in a file (a notebook shows nothing for them either).
    [GeneratedRegex(@"^(await\s+[\w.]+\.(DisposeAsync|StopAsync|Delay)\(.*\)|Console\.Write(Line)?\(.*\)|[\w.]+\.(Dispose|Stop|Clear)\(\))$", RegexOptions.Singleline)]
    private static partial Regex NoValue();
}
