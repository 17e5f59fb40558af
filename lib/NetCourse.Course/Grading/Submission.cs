using System.Text.Json;
using NetCourse.Course.Notebooks;

namespace NetCourse.Course.Grading;

/// <summary>Reads a learner's notebook strictly: any file that is not a readable notebook becomes one clear reason.</summary>
public static class Submission
{
    /// <summary>The largest submission read, in bytes.</summary>
    public const long MaxBytes = 20 * 1024 * 1024;

    /// <summary>Loads <paramref name="path"/> and reads every code cell's source, role and exercise once.</summary>
    /// <exception cref="InvalidDataException">The file is empty, too large, not JSON, or a cell has a field of the wrong kind; the message says which.</exception>
    public static Notebook Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var size = new FileInfo(path).Length;
        if (size == 0)
        {
            throw new InvalidDataException("the file is empty");
        }

        if (size > MaxBytes)
        {
            throw new InvalidDataException($"the file is {size / (1024 * 1024)} MB, over the {MaxBytes / (1024 * 1024)} MB limit");
        }

        Notebook notebook;
        try
        {
            notebook = Notebook.Load(path);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException(e.Message.Replace($"'{path}' ", "", StringComparison.Ordinal), e);
        }

        foreach (var cell in notebook.Cells)
        {
            try
            {
                _ = (cell.Kind, cell.IsCode ? cell.Source : "", cell.Role, cell.Exercise);
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException or ArgumentException)
            {
                throw new InvalidDataException($"cell {cell.Index} has a field of the wrong kind ({e.Message.Split('\n')[0]})", e);
            }
        }

        return notebook;
    }
}
