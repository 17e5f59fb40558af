using System.Text.Json;
using System.Text.Json.Nodes;

namespace NetCourse.Course.Grading;

/// <summary>One hidden case as the instructor wrote it: an input and an expected value or rejection, all JSON.</summary>
/// <param name="Input">The input.</param>
/// <param name="Expected">The expected value (null for socket exercises, whose judge decides).</param>
/// <param name="Rejects">For an input that must be rejected: <c>{"exception": "ArgumentException", "naming": "8"}</c>.</param>
public sealed record HiddenCase(JsonNode? Input, JsonNode? Expected, JsonNode? Rejects);

/// <summary>
/// The instructor's hidden cases, <c>hidden/NN.json</c> (<c>{"06.1": [{"input": ..., "expected": ...}, ...]}</c>), read only
/// by the course command: never by the notebook's kernel, never through an environment variable.
/// </summary>
public static class HiddenCases
{
    /// <summary>The hidden cases of <paramref name="exercise"/> in <paramref name="folder"/>; empty when there are none.</summary>
    /// <exception cref="InvalidDataException">The file is not JSON of that shape.</exception>
    public static IReadOnlyList<HiddenCase> For(string folder, string exercise)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(exercise);
        var path = Path.Combine(folder, exercise[..2] + ".json");
        if (!File.Exists(path))
        {
            return [];
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not JSON: {e.Message}", e);
        }

        if (root is not JsonObject cases)
        {
            throw new InvalidDataException($"{path} must hold a JSON object keyed by exercise id.");
        }

        return cases[exercise] is JsonArray list
            ? [.. list.Select(c => new HiddenCase(c?["input"]?.DeepClone(), c?["expected"]?.DeepClone(), c?["rejects"]?.DeepClone()))]
            : [];
    }
}
