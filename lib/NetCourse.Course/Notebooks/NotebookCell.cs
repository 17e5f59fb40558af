using System.Text.Json.Nodes;

namespace NetCourse.Course.Notebooks;

/// <summary>One cell of a .ipynb notebook, backed by its JSON so that saving keeps every field.</summary>
public sealed class NotebookCell
{
    internal NotebookCell(JsonObject json, int index)
    {
        Json = json;
        Index = index;
    }

    /// <summary>The cell's position in the notebook, from 0.</summary>
    public int Index { get; }

    /// <summary>The cell's JSON.</summary>
    public JsonObject Json { get; }

    /// <summary>The cell's nbformat <c>id</c>; the cells lesson tests read have meaningful ones, e.g. <c>web-server-start</c>.</summary>
    public string? Id => (string?)Json["id"];

    /// <summary><c>code</c>, <c>markdown</c> or <c>raw</c>.</summary>
    public string Kind => (string?)Json["cell_type"] ?? "raw";

    /// <summary>True for a code cell.</summary>
    public bool IsCode => Kind == "code";

    /// <summary>The cell's text.</summary>
    public string Source
    {
        get => Json["source"] switch
        {
            JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
            JsonValue value => (string?)value ?? "",
            _ => "",
        };
        set => Json["source"] = SourceLines(value);
    }

    /// <summary>The course role of the cell (<c>setup</c>, <c>solution</c>, <c>check</c>), from <c>metadata.netcourse.role</c>.</summary>
    public string? Role => (string?)Json["metadata"]?["netcourse"]?["role"];

    /// <summary>The exercise id a solution or check cell belongs to, from <c>metadata.netcourse.exercise</c>.</summary>
    public string? Exercise => (string?)Json["metadata"]?["netcourse"]?["exercise"];

    /// <summary>Splits text into the list-of-lines form Jupyter writes.</summary>
    internal static JsonArray SourceLines(string text)
    {
        var lines = new JsonArray();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            var stop = end < 0 ? text.Length : end + 1;
            lines.Add(text[start..stop]);
            start = stop;
        }

        return lines;
    }
}
