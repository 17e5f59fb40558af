using NetCourse.Course.Export;
using NetCourse.Course.Notebooks;

namespace NetCourse.Course.Commands;

/// <summary>
/// <c>netcourse export [NOTEBOOK...] [--check]</c>: writes every lesson as a .NET 10 file-based app to
/// <c>notebooks/run/NN-topic.cs</c>; with <c>--check</c>, writes nothing and exits 1 when an export is out of date.
/// </summary>
public static class ExportCommand
{
    /// <summary>Runs the command.</summary>
    public static int Run(CommandLine args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var paths = CoursePaths.Find();
        if (args.Has("check"))
        {
            var stale = ExportSync.FindStale(paths);
            foreach (var line in stale)
            {
                CourseConsole.Error.WriteLine(line);
            }

            CourseConsole.Out.WriteLine(stale.Count == 0 ? "every exported lesson is in sync" : $"{stale.Count} exported lesson(s) out of sync");
            return stale.Count == 0 ? 0 : 1;
        }

        var notebooks = CoursePaths.Select(paths.Notebooks, args.Positional);
        var namespaces = LessonExporter.SetupNamespaces(paths);
        var failed = 0;
        foreach (var notebook in notebooks)
        {
            var target = LessonExporter.TargetPath(notebook);
            try
            {
                var text = LessonExporter.Export(Notebook.Load(notebook), namespaces);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var changed = !File.Exists(target) || File.ReadAllText(target) != text;
                if (changed)
                {
                    File.WriteAllText(target, text);
                }

                CourseConsole.Out.WriteLine($"{(changed ? "wrote    " : "unchanged")} {Path.GetRelativePath(paths.Root, target)}");
            }
            catch (InvalidDataException e)
            {
                failed++;
                CourseConsole.Error.WriteLine($"FAILED   {Path.GetFileName(notebook)}: {e.Message}");
            }
        }

        return failed == 0 ? 0 : 1;
    }
}
