using System.Text.Json;
using System.Text.Json.Nodes;

namespace NetCourse.Course.Grading;

/// <summary>
/// What the grader needs to write an exercise's probe cell, from the instructor's side (<c>hidden/probes.json</c>), never
/// from the submission: the learner's member and, for a function, its C# input and output types; for a socket exercise,
/// the library judge.
/// </summary>
/// <param name="Member">The learner's function or handler, e.g. <c>ToNumber</c>.</param>
/// <param name="Input">The function's C# input type, e.g. <c>string</c> (null for a socket exercise).</param>
/// <param name="Output">The function's C# output type, e.g. <c>uint</c> (null for a socket exercise).</param>
/// <param name="Judge">The judge's property on <c>NetCourse.Judges</c>, e.g. <c>Echo</c> (null for a function).</param>
public sealed record ProbeSpec(string Member, string? Input, string? Output, string? Judge)
{
    /// <summary>The file name in the hidden folder.</summary>
    public const string FileName = "probes.json";

    /// <summary>Every exercise's probe in <paramref name="folder"/>.</summary>
    /// <exception cref="InvalidDataException">The file is missing or an entry lacks what it needs.</exception>
    public static IReadOnlyDictionary<string, ProbeSpec> Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path} does not exist: the grader needs it to know each exercise's member and types.");
        }

        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path} must hold a JSON object keyed by exercise id.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not JSON: {e.Message}", e);
        }

        var specs = new Dictionary<string, ProbeSpec>();
        foreach (var (id, node) in root)
        {
            var spec = new ProbeSpec((string?)node?["member"] ?? "", (string?)node?["input"], (string?)node?["output"], (string?)node?["judge"]);
            if (spec.Member.Length == 0 || (spec.Judge is null && (spec.Input is null || spec.Output is null)))
            {
                throw new InvalidDataException($"{path}: exercise {id} needs \"member\" and either \"judge\" or both \"input\" and \"output\".");
            }

            specs[id] = spec;
        }

        return specs;
    }
}
