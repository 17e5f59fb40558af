namespace NetCourse.Course;

/// <summary>Locations inside a checkout of the course.</summary>
public sealed record CoursePaths(string Root)
{
    /// <summary>The folder of lessons.</summary>
    public string Notebooks => Path.Combine(Root, "notebooks");

    /// <summary>The socket-helper library project folder.</summary>
    public string Library => Path.Combine(Root, "lib", "NetCourse");

    /// <summary>The script every lesson's setup cell loads (<c>#load "../lib/netcourse.csx"</c>): it builds and loads the library.</summary>
    public string SetupScript => SetupScriptBeside(Library);

    /// <summary>Where commands write what they produce (git-ignored).</summary>
    public string Artifacts => Path.Combine(Root, "artifacts");

    /// <summary>The setup script that sits beside the library folder <paramref name="library"/> (<c>lib/netcourse.csx</c> for <c>lib/NetCourse</c>).</summary>
    public static string SetupScriptBeside(string library)
    {
        ArgumentException.ThrowIfNullOrEmpty(library);
        return Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(library)))!, "netcourse.csx");
    }

    /// <summary>The lessons in order: <c>notebooks/NN-*.ipynb</c>.</summary>
    public IReadOnlyList<string> Lessons => LessonsIn(Notebooks);

    /// <summary>The lessons of <paramref name="folder"/> in order: the notebooks whose names start with a digit.</summary>
    public static IReadOnlyList<string> LessonsIn(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*.ipynb")
            .Where(p => char.IsAsciiDigit(Path.GetFileName(p)[0]))
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// The notebooks named on a command line, each a file or a lesson of <paramref name="folder"/> by its number or the
    /// start of its name ("06", "06-ip"); every lesson of the folder when none is named.
    /// </summary>
    /// <exception cref="ArgumentException">A name matches no file and no lesson, or several lessons.</exception>
    public static IReadOnlyList<string> Select(string folder, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return names.Count == 0 ? LessonsIn(folder) : [.. names.Select(name => Resolve(folder, name))];
    }

    private static string Resolve(string folder, string argument)
    {
        ArgumentException.ThrowIfNullOrEmpty(argument);
        if (File.Exists(argument))
        {
            return Path.GetFullPath(argument);
        }

        var matches = LessonsIn(folder).Where(p => Path.GetFileName(p).StartsWith(argument, StringComparison.Ordinal)).ToList();
        return matches switch
        {
            [var lesson] => lesson,
            [] => throw new ArgumentException($"'{argument}' is neither a file nor a lesson in {folder} (give a number such as 06, or a path).", nameof(argument)),
            _ => throw new ArgumentException($"'{argument}' matches {matches.Count} lessons: {string.Join(", ", matches.Select(Path.GetFileName))}.", nameof(argument)),
        };
    }

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
