using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace NetCourse.Tests.Grading.Judges;

/// <summary>Reads the hidden inputs of an exercise from the course's notebooks/hidden folder, as the grader does.</summary>
internal static class HiddenInputs
{
    private static readonly JsonSerializerOptions Options = new() { IncludeFields = true, Converters = { new JsonStringEnumConverter() } };

    public static IReadOnlyList<T> Of<T>(string exercise)
    {
        var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (folder is not null && !Directory.Exists(Path.Combine(folder.FullName, "notebooks", "hidden")))
        {
            folder = folder.Parent;
        }

        var path = Path.Combine(folder?.FullName ?? throw new DirectoryNotFoundException("No notebooks/hidden above the test folder."), "notebooks", "hidden", exercise[..2] + ".json");
        var cases = JsonNode.Parse(File.ReadAllText(path))![exercise]!.AsArray();
        return [.. cases.Select(c => c!["input"].Deserialize<T>(Options)!)];
    }
}
