namespace NetCourse.Course.Grading;

/// <summary>One learner's result on one exercise: a gradebook row.</summary>
/// <param name="Learner">Who submitted.</param>
/// <param name="Exercise">The exercise id, e.g. 06.2.</param>
/// <param name="Points">Points earned.</param>
/// <param name="Max">Points possible.</param>
/// <param name="Message">What went wrong, or "all 3 hidden cases passed".</param>
/// <param name="MissingProtections">The isolation protections the submission was graded without, comma-separated; empty when none.</param>
public sealed record ExerciseScore(string Learner, string Exercise, double Points, double Max, string Message, string MissingProtections = "");
