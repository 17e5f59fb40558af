namespace NetCourse;

/// <summary>The outcome of one check of the learner's machine.</summary>
/// <param name="Check">What was checked.</param>
/// <param name="Status">The verdict.</param>
/// <param name="Found">What was found, e.g. a version or an address.</param>
/// <param name="Note">What it means for the course.</param>
public sealed record EnvironmentCheckResult(string Check, CheckStatus Status, string Found, string Note);
