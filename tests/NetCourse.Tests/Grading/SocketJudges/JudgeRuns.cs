using System.Text.Json.Nodes;

namespace NetCourse.Tests.Grading.SocketJudges;

/// <summary>Runs a socket judge's practice path on given cases and reads an exercise's hidden cases from notebooks/hidden.</summary>
internal static class JudgeRuns
{
    /// <summary>The practice report of <paramref name="subject"/> on <paramref name="cases"/>.</summary>
    public static Task<PracticeReport> CheckAsync<TSubject, TCase>(SocketJudge<TSubject, TCase> judge, TSubject subject, params TCase[] cases) =>
        Grader.CheckAsync(new Exercise(judge.Exercise, "judge test", 1), subject, judge, cases);

    /// <summary>Asserts that <paramref name="subject"/> passes every case of <paramref name="practice"/> and every hidden case of the judge's exercise.</summary>
    public static async Task PassesEveryCaseAsync<TSubject, TCase>(SocketJudge<TSubject, TCase> judge, TSubject subject, params TCase[] practice)
    {
        var report = await CheckAsync(judge, subject, [.. practice, .. Hidden(judge)]);
        Assert.That(report.Passed, Is.EqualTo(report.Cases.Count), Failures(report));
    }

    /// <summary>What the practice report says <paramref name="subject"/> got on one case.</summary>
    public static async Task<string> GotAsync<TSubject, TCase>(SocketJudge<TSubject, TCase> judge, TSubject subject, TCase practice) =>
        (await CheckAsync(judge, subject, practice)).Cases[0].Got;

    /// <summary>The hidden cases of the judge's exercise, as the grader reads them.</summary>
    public static TCase[] Hidden<TSubject, TCase>(SocketJudge<TSubject, TCase> judge)
    {
        var path = Path.Combine(HiddenFolder(), judge.Exercise[..2] + ".json");
        var cases = JsonNode.Parse(File.ReadAllText(path))?[judge.Exercise] as JsonArray
            ?? throw new InvalidDataException($"{path} has no cases for {judge.Exercise}.");
        return [.. cases.Select(c => ProbeJson.FromNode<TCase>(c?["input"], $"A hidden case of {judge.Exercise}"))];
    }

    /// <summary>What each failed case got, for an assertion message.</summary>
    public static string Failures(PracticeReport report) =>
        string.Join("; ", report.Cases.Where(c => !c.Passed).Select(c => $"case {c.Number}: {c.Got}"));

    private static string HiddenFolder()
    {
        for (var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); folder is not null; folder = folder.Parent)
        {
            var hidden = Path.Combine(folder.FullName, "notebooks", "hidden");
            if (File.Exists(Path.Combine(hidden, "probes.json")))
            {
                return hidden;
            }
        }

        throw new DirectoryNotFoundException($"No notebooks/hidden above {TestContext.CurrentContext.TestDirectory}.");
    }
}
