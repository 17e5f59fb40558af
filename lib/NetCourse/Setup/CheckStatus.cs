namespace NetCourse;

/// <summary>The verdict of one environment check.</summary>
public enum CheckStatus
{
    /// <summary>Works as the course needs.</summary>
    Ok,

    /// <summary>Missing or limited; the lessons that need it say so and skip that part.</summary>
    Warning,

    /// <summary>Broken; lessons will fail until it is fixed.</summary>
    Failed,
}
