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

    /// <summary>Reads a notebook file.</summary>
    /// <exception cref="InvalidDataException">The file is not a notebook.</exception>
    public static Notebook Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Notebook '{path}' does not exist.", path);
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

        if (node is not JsonObject root || root["cells"] is not JsonArray)
        {
            throw new InvalidDataException($"'{path ?? "notebook"}' is not a Jupyter notebook: it has no \"cells\" list.");
        }

        return new Notebook(root, path);
    }

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
