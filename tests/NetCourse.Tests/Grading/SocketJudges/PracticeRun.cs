namespace NetCourse.Tests.Grading.SocketJudges;

/// <summary>What the tests of a judge read from a practice report.</summary>
internal static class PracticeRun
{
    /// <summary>What each failed case says.</summary>
    public static IReadOnlyList<string> Failures(this PracticeReport report) => [.. report.Cases.Where(c => !c.Passed).Select(c => c.Got)];
}
