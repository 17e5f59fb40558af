using System.Text.Json;
using System.Text.Json.Nodes;

namespace NetCourse.Tests.Grading.Judges;

/// <summary>The hidden cases of an exercise, read from the checkout's notebooks/hidden folder.</summary>
internal static class CourseFiles
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true, IncludeFields = true };

    public static IReadOnlyList<T> HiddenInputs<T>(string exercise)
    {
        var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "NetCourse.sln")))
        {
            folder = folder.Parent;
        }

        var path = Path.Combine(folder?.FullName ?? throw new DirectoryNotFoundException("No NetCourse.sln above the test folder."), "notebooks", "hidden", exercise[..2] + ".json");
        var cases = JsonNode.Parse(File.ReadAllText(path))![exercise]!.AsArray();
        return [.. cases.Select(c => c!["input"].Deserialize<T>(Options)!)];
    }
}
