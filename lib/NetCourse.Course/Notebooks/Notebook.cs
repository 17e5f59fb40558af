using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NetCourse.Course.Notebooks;

/// <summary>A Jupyter notebook (.ipynb, nbformat 4) read as JSON; edits keep every field the file had.</summary>
public sealed class Notebook
{
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private Notebook(JsonObject json, string? path)
    {
        Json = json;
        Path = path;
    }

    /// <summary>The notebook's JSON.</summary>
    public JsonObject Json { get; }

    /// <summary>The file it was read from, if any.</summary>
    public string? Path { get; }

    /// <summary>The file name without folder and extension, e.g. <c>08-ip-addresses</c>.</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path ?? "notebook");

    /// <summary>The cells in order.</summary>
    public IReadOnlyList<NotebookCell> Cells =>
        [.. (Json["cells"] as JsonArray ?? []).OfType<JsonObject>().Select((cell, i) => new NotebookCell(cell, i))];

    /// <summary>The code cells in order.</summary>
    public IEnumerable<NotebookCell> CodeCells => Cells.Where(c => c.IsCode);

    /// <summary>The largest notebook file read: a submission past it is refused, not loaded into memory.</summary>
    public const long MaxFileBytes = 32 * 1024 * 1024;

    /// <summary>Reads a notebook file.</summary>
    /// <exception cref="InvalidDataException">The file is not a notebook, or is larger than <see cref="MaxFileBytes"/>.</exception>
    public static Notebook Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"Notebook '{path}' does not exist.", path);
        }

        if (file.Length == 0)
        {
            throw new InvalidDataException($"'{path}' is empty.");
        }

        if (file.Length > MaxFileBytes)
        {
            throw new InvalidDataException($"'{path}' has {file.Length:N0} bytes, over the limit of {MaxFileBytes:N0} for a notebook.");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses notebook JSON.</summary>
    /// <exception cref="InvalidDataException">The text is not a notebook.</exception>
    public static Notebook Parse(string json, string? path = null)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path ?? "notebook"}' is not valid JSON: {e.Message}", e);
        }

        if (node is not JsonObject root || root["cells"] is not JsonArray cells)
        {
            throw new InvalidDataException($"'{path ?? "notebook"}' is not a Jupyter notebook: it has no \"cells\" list.");
        }

        for (var i = 0; i < cells.Count; i++)
        {
            if (CellProblem(cells[i]) is { } problem)
            {
                throw new InvalidDataException($"'{path ?? "notebook"}' is not a Jupyter notebook: cell {i} {problem}.");
            }
        }

        return new Notebook(root, path);
    }

    // What makes a cell unreadable (nbformat 4: a typed object whose source is text or a list of text), or null.
    private static string? CellProblem(JsonNode? cell)
    {
        if (cell is not JsonObject json)
        {
            return $"is {Shape(cell)}, not an object";
        }

        if (json["cell_type"] is not JsonValue type || type.GetValueKind() != JsonValueKind.String)
        {
            return $"has a \"cell_type\" that is {Shape(json["cell_type"])}, not text";
        }

        var source = json["source"];
        var sourceIsText = source is JsonValue { } one ? one.GetValueKind() == JsonValueKind.String
            : source is JsonArray lines && lines.All(l => l is JsonValue line && line.GetValueKind() == JsonValueKind.String);
        if (!sourceIsText)
        {
            return $"has a \"source\" that is {Shape(source)}, not text or a list of text";
        }

        if (json["metadata"] is { } metadata and not JsonObject)
        {
            return $"has \"metadata\" that is {Shape(metadata)}, not an object";
        }

        if (json["metadata"]?["netcourse"] is not { } course)
        {
            return null;
        }

        if (course is not JsonObject fields)
        {
            return $"has \"metadata.netcourse\" that is {Shape(course)}, not an object";
        }

        return fields.Where(f => f.Key is "role" or "exercise")
            .Where(f => f.Value is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
            .Select(f => $"has \"metadata.netcourse.{f.Key}\" that is {Shape(f.Value)}, not text")
            .FirstOrDefault();
    }

    private static string Shape(JsonNode? node) => node switch
    {
        null => "missing or null",
        JsonObject => "an object",
        JsonArray => "a list",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => "text",
            JsonValueKind.Number => $"the number {node.ToJsonString()}",
            JsonValueKind.True or JsonValueKind.False => $"the value {node.ToJsonString()}",
            _ => "a value",
        },
    };

    /// <summary>A deep copy, optionally with a new path.</summary>
    public Notebook Clone(string? path = null) => new((JsonObject)Json.DeepClone(), path ?? Path);

    /// <summary>Serializes the notebook the way Jupyter does (one-space indent, trailing newline).</summary>
    public string ToJson() => Json.ToJsonString(WriteOptions) + "\n";

    /// <summary>Writes the notebook to a file, creating its folder.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, ToJson());
    }

    /// <summary>Removes every output and execution count.</summary>
    public void ClearOutputs()
    {
        foreach (var cell in CodeCells)
        {
            cell.Json["outputs"] = new JsonArray();
            cell.Json["execution_count"] = null;
        }
    }
}
