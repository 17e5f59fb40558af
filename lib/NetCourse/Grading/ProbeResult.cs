using Microsoft.DotNet.Interactive.Formatting;

namespace NetCourse;

/// <summary>
/// What a probe cell returns: plain JSON, shown as <c>application/json</c> (and as text). The course command reads it as the
/// probe cell's own value and judges it outside the notebook.
/// </summary>
public sealed class ProbeResult
{
    internal ProbeResult(string json) => Json = json;

    /// <summary>The JSON text.</summary>
    public string Json { get; }

    /// <inheritdoc/>
    public override string ToString() => Json;

    /// <summary>Registers the JSON formatter and makes <c>application/json</c> the preferred form. Safe to call more than once.</summary>
    internal static void RegisterFormatter()
    {
        Formatter.Register<ProbeResult>((result, writer) => writer.Write(result.Json), JsonFormatter.MimeType);
        Formatter.Register<ProbeResult>((result, writer) => writer.Write(result.Json), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(ProbeResult), JsonFormatter.MimeType, PlainTextFormatter.MimeType);
    }
}
