namespace NetCourse;

/// <summary>The result of one grading case.</summary>
/// <param name="Number">The case's number, from 1.</param>
/// <param name="Hidden">True for a case the learner cannot see.</param>
/// <param name="Passed">Whether the learner's code got it right.</param>
/// <param name="Points">Points earned for it.</param>
/// <param name="Message">What happened; never the expected value of a hidden case.</param>
public sealed record CaseResult(int Number, bool Hidden, bool Passed, double Points, string Message);
