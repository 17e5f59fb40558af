using System.Collections;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.DotNet.Interactive.Formatting;
using XPlot.Plotly;

namespace NetCourse;

/// <summary>
/// Text-mode display for lessons run as .NET file-based apps (<c>dotnet run notebooks/run/NN-topic.cs</c>):
/// tables print as aligned text, charts and HTML drawings are written to HTML files and their paths printed.
/// </summary>
public static class ConsoleDisplay
{
    private static readonly object Gate = new();
    private static string _lesson = "lesson";
    private static string _outputFolder = Path.Combine(Environment.CurrentDirectory, "out");
    private static string _callerDirectory = Environment.CurrentDirectory;
    private static int _files;

    /// <summary>
    /// Switches display to text and HTML files for <paramref name="lesson"/>: files go to <c>out/</c> beside
    /// <paramref name="sourceFile"/> (filled in by the compiler), and the working directory becomes the notebooks
    /// folder above it, as when the lesson runs in a notebook.
    /// </summary>
    public static void Start(string lesson, [CallerFilePath] string sourceFile = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(lesson);
        var folder = Path.GetDirectoryName(Path.GetFullPath(string.IsNullOrEmpty(sourceFile) ? "lesson.cs" : sourceFile))!;
        lock (Gate)
        {
            _lesson = lesson;
            _outputFolder = Path.Combine(folder, "out");
            _callerDirectory = Environment.CurrentDirectory;
            _files = 0;
        }

        CourseDisplay.Register();
        var notebooks = Path.GetDirectoryName(folder);
        if (notebooks is not null && Directory.Exists(notebooks))
        {
            Environment.CurrentDirectory = notebooks;
        }
    }

    /// <summary>Shows a value the way a notebook cell's last expression would be shown, as text on standard output.</summary>
    public static void Show(object? value) => Console.WriteLine(Format(value));

    /// <summary>The text <see cref="Show"/> prints; charts and HTML content are written to a file first.</summary>
    public static string Format(object? value) => value switch
    {
        null => "<null>",
        string text => text,
        ITabular tabular => tabular.ToTable().ToString().TrimEnd(),
        PlotlyChart chart => "chart: " + WriteHtml("chart", PlotlyChartHtml.Render(chart)),
        IHtmlContent html when html.GetType().GetMethod("ToString", Type.EmptyTypes)?.DeclaringType == html.GetType() =>
            html.ToString()?.TrimEnd() + Environment.NewLine + "html: " + WriteHtml("html", Render(html)), // drawings with a text form, e.g. HexDump
        IHtmlContent html => "html: " + WriteHtml("html", Render(html)),
        IEnumerable items and not IFormattable => string.Join(Environment.NewLine, items.Cast<object?>().Select(FormatItem)),
        _ => value.ToDisplayString(PlainTextFormatter.MimeType),
    };

    // One line per item: values that have their own text (records, pairs, numbers) use it; tables and charts as above.
    private static string FormatItem(object? item) =>
        item is null or string or ITabular or PlotlyChart or IHtmlContent or IEnumerable || item.GetType().GetMethod("ToString", Type.EmptyTypes)?.DeclaringType == typeof(object)
            ? Format(item)
            : item.ToString() ?? "";

    private static string Render(IHtmlContent html)
    {
        using var writer = new StringWriter();
        html.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    private static string WriteHtml(string kind, string body)
    {
        string path;
        string lesson;
        lock (Gate)
        {
            _files++;
            lesson = _lesson;
            path = Path.Combine(_outputFolder, $"{_lesson}-{kind}-{_files}.html");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var page = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
            .Append(System.Net.WebUtility.HtmlEncode(lesson)).Append("</title></head>\n<body>\n")
            .Append(body).Append("\n</body></html>\n");
        File.WriteAllText(path, page.ToString());
        return Path.GetRelativePath(_callerDirectory, path);
    }
}
