namespace NetCourse.Course;

/// <summary>Locations inside a checkout of the course.</summary>
public sealed record CoursePaths(string Root)
{
    /// <summary>The folder of lessons.</summary>
    public string Notebooks => Path.Combine(Root, "notebooks");

    /// <summary>The socket-helper library project folder.</summary>
    public string Library => Path.Combine(Root, "lib", "NetCourse");

    /// <summary>Where commands write what they produce (git-ignored).</summary>
    public string Artifacts => Path.Combine(Root, "artifacts");

    /// <summary>The lessons in order: <c>notebooks/NN-*.ipynb</c>.</summary>
    public IReadOnlyList<string> Lessons =>
        [.. Directory.EnumerateFiles(Notebooks, "*.ipynb")
            .Where(p => char.IsAsciiDigit(Path.GetFileName(p)[0]))
            .Order(StringComparer.Ordinal)];

    /// <summary>Finds the checkout that contains <paramref name="start"/> (default: the current directory).</summary>
    /// <exception cref="DirectoryNotFoundException">No folder above holds NetCourse.sln.</exception>
    public static CoursePaths Find(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NetCourse.sln")))
            {
                return new CoursePaths(dir.FullName);
            }
        }

        throw new DirectoryNotFoundException($"No NetCourse.sln in '{start ?? Environment.CurrentDirectory}' or any folder above it.");
    }
}
