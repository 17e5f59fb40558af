
namespace NetCourse;

/// <summary>The results of <see cref="EnvironmentCheck.RunAsync"/>, displayed as a table.</summary>
public sealed class EnvironmentReport(IReadOnlyList<EnvironmentCheckResult> results) : ITabular
{
    /// <summary>Every check's result.</summary>
    public IReadOnlyList<EnvironmentCheckResult> Results { get; } = results;

    /// <summary>True when no check failed (warnings allowed).</summary>
    public bool Ready => Results.All(r => r.Status != CheckStatus.Failed);

    /// <summary>The result of the check with this name.</summary>
    /// <exception cref="KeyNotFoundException">There is no such check.</exception>
    public EnvironmentCheckResult this[string check] =>
        Results.FirstOrDefault(r => r.Check == check) ?? throw new KeyNotFoundException($"No check named '{check}'.");

    /// <inheritdoc/>
    public HtmlTable ToTable()
    {
        var table = new HtmlTable("check", "status", "found", "what it means")
        {
            Caption = Ready ? "This machine is ready for the course" : "Fix the failed checks before going on",
        };
        foreach (var r in Results)
        {
            table.AddRow(r.Check, r.Status, r.Found, r.Note);
        }

        return table;
    }
}
