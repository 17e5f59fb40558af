namespace NetCourse.Course;

/// <summary>
/// The process's real standard output and error. .NET Interactive's connector redirects <see cref="Console.Out"/>
/// while it runs, so the course's commands write here instead.
/// </summary>
public static class CourseConsole
{
    /// <summary>Standard output.</summary>
    public static TextWriter Out { get; } = TextWriter.Synchronized(new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true });

    /// <summary>Standard error.</summary>
    public static TextWriter Error { get; } = TextWriter.Synchronized(new StreamWriter(Console.OpenStandardError()) { AutoFlush = true });
}
