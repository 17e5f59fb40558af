using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace NetCourse;

/// <summary>
/// Loads the instructor's hidden cases: <c>hidden/NN.json</c> in the folder named by <c>NETCOURSE_HIDDEN_DIR</c>, or
/// beside the notebook (the kernel's working directory). The student release has no such folder, so learners see
/// practice cases only.
/// </summary>
public static class HiddenCases
{
    private static readonly JsonSerializerOptions Options = new()
    {
        IncludeFields = true,
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The folder searched for hidden case files.</summary>
    public static string Folder =>
        Environment.GetEnvironmentVariable("NETCOURSE_HIDDEN_DIR") ?? Path.Combine(Environment.CurrentDirectory, "hidden");

    /// <summary>
    /// The hidden cases of an exercise as (input, expected) pairs; empty when there are none. A case has an
    /// <c>"expected"</c> value, or <c>"rejects": { "exception": "ArgumentException", "naming": "text" }</c> when the
    /// input must be rejected.
    /// </summary>
    /// <exception cref="InvalidDataException">The file exists but a case does not match the exercise's types.</exception>
    public static IReadOnlyList<(TIn Input, Expected<TOut> Expected)> For<TIn, TOut>(Exercise exercise)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        return [.. Nodes(exercise).Select(node => (Convert<TIn>(node, "input", exercise), ExpectedOf<TOut>(node, exercise)))];
    }

    /// <summary>The hidden inputs of a behaviour exercise.</summary>
    public static IReadOnlyList<TIn> InputsFor<TIn>(Exercise exercise)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        return [.. Nodes(exercise).Select(node => Convert<TIn>(node, "input", exercise))];
    }

    private static IEnumerable<JsonNode> Nodes(Exercise exercise)
    {
        var path = Path.Combine(Folder, exercise.Lesson + ".json");
        if (!File.Exists(path))
        {
            return [];
        }

        var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
            ?? throw new InvalidDataException($"{path} must hold a JSON object keyed by exercise id.");
        return root[exercise.Id] is JsonArray cases ? cases.OfType<JsonNode>() : [];
    }

    private static Expected<TOut> ExpectedOf<TOut>(JsonNode node, Exercise exercise)
    {
        if (node["rejects"] is null)
        {
            return Convert<TOut>(node, "expected", exercise);
        }

        var rejects = Convert<Rejects>(node, "rejects", exercise);
        return string.IsNullOrWhiteSpace(rejects.Exception) || string.IsNullOrEmpty(rejects.Naming)
            ? throw new InvalidDataException($"A hidden case of exercise {exercise.Id} has 'rejects' {node["rejects"]!.ToJsonString()}: it needs a non-empty \"exception\" and \"naming\".")
            : Rejection.Of(rejects.Exception, rejects.Naming);
    }

    private static T Convert<T>(JsonNode node, string property, Exercise exercise)
    {
        try
        {
            return node[property].Deserialize<T>(Options)!;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"A hidden case of exercise {exercise.Id} has a '{property}' that is not a {typeof(T).Name}: {e.Message}", e);
        }
    }

    private sealed record Rejects(string? Exception, string? Naming);
}
