using NetCourse.Course.Export;
using NetCourse.Course.Notebooks;

namespace NetCourse.Course.Grading;

/// <summary>The student release: each lesson with its solutions replaced by stubs and its outputs cleared, in a course folder learners can run.</summary>
public static class StudentRelease
{
    private static readonly string[] BuildSettings =
    [
        "Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig", Path.Combine(".config", "dotnet-tools.json"),
        Path.Combine("notebooks", LessonExporter.RunFolderName, "Directory.Build.props"),
    ];

    private const string Readme = """
        # NetCourse: network programming in C#

        You need the .NET 10 SDK. Open `notebooks/00-start-here.ipynb` in VS Code with the Polyglot Notebooks extension
        and choose Run All. The first cell of each lesson, `#load "../lib/netcourse.csx"`, builds the course library in
        `lib/NetCourse` when needed (about 20 s the first time) and prints `NetCourse 1.0 loaded`. For Jupyter, register the .NET kernel once with `dotnet tool restore` and
        `dotnet dotnet-interactive jupyter install`. Without notebooks, run a lesson as a program from this folder:
        `dotnet run notebooks/run/06-ip-addresses.cs`.

        Each lesson ends with exercises. Replace the `throw new NotImplementedException("...")` line, whose text is a
        hint, with your code, then run the check cell below it: it scores your answer on the cases you can see. Your
        instructor grades the notebooks you hand in with further cases.

        """;

    /// <summary>The student version of <paramref name="instructor"/> (the instructor notebook is not changed).</summary>
    public static Notebook Make(Notebook instructor)
    {
        ArgumentNullException.ThrowIfNull(instructor);
        var release = instructor.Clone();
        foreach (var cell in release.CodeCells.Where(c => SolutionRegions.Any(c.Source)))
        {
            cell.Source = SolutionRegions.Strip(cell.Source);
        }

        release.ClearOutputs();
        return release;
    }

    /// <summary>
    /// Writes a course folder learners can open and run: the student version of each lesson in <c>notebooks/</c> and as a
    /// file-based app in <c>notebooks/run/</c>, the library's sources in <c>lib/NetCourse/</c> with the build settings it
    /// needs, and a short README. Hidden cases and the course's tools are not copied.
    /// </summary>
    /// <returns>The notebooks written.</returns>
    public static IReadOnlyList<string> WriteCourse(CoursePaths paths, IEnumerable<string> instructorNotebooks, string root)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(instructorNotebooks);
        ArgumentException.ThrowIfNullOrEmpty(root);
        var notebooks = Path.Combine(root, "notebooks");
        var exports = Path.Combine(notebooks, LessonExporter.RunFolderName);
        Directory.CreateDirectory(exports);
        var namespaces = LessonExporter.SetupNamespaces(paths);
        var written = new List<string>();
        foreach (var path in instructorNotebooks)
        {
            var release = Make(Notebook.Load(path));
            var target = Path.Combine(notebooks, Path.GetFileName(path));
            release.Save(target);
            File.WriteAllText(LessonExporter.TargetPath(target), LessonExporter.Export(release, namespaces, forLearners: true));
            written.Add(target);
        }

        var library = Path.Combine(root, "lib", "NetCourse");
        CopySources(paths.Library, library);
        File.Copy(paths.SetupScript, CoursePaths.SetupScriptBeside(library), overwrite: true);
        foreach (var file in BuildSettings)
        {
            var target = Path.Combine(root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(paths.Root, file), target, overwrite: true);
        }

        File.WriteAllText(Path.Combine(root, "README.md"), Readme);
        return written;
    }

    private static void CopySources(string from, string to)
    {
        if (Directory.Exists(to))
        {
            Directory.Delete(to, recursive: true);
        }

        var skipped = new[] { "bin", "obj" }.Select(d => Path.Combine(from, d) + Path.DirectorySeparatorChar).ToArray();
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories).Where(f => !skipped.Any(f.StartsWith)))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
