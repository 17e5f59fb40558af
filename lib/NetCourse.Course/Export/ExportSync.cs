namespace NetCourse.Course.Export;

/// <summary>Compares the committed exports in <c>notebooks/run/</c> with what the notebooks export to now.</summary>
public static class ExportSync
{
    /// <summary>One line per lesson (<paramref name="setupNamespaces"/> default: read from the setup script) whose export is missing, out of date or cannot be made; empty when all are in sync.</summary>
    public static IReadOnlyList<string> FindStale(CoursePaths paths, IReadOnlyList<string>? setupNamespaces = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var namespaces = setupNamespaces ?? LessonExporter.SetupNamespaces(paths);
        var problems = new List<string>();
        foreach (var notebook in paths.Lessons)
        {
            var target = LessonExporter.TargetPath(notebook);
            var name = Path.GetFileName(notebook);
            string expected;
            try
            {
                expected = LessonExporter.Export(Notebooks.Notebook.Load(notebook), namespaces);
            }
            catch (InvalidDataException e)
            {
                problems.Add($"{name}: cannot be exported: {e.Message}");
                continue;
            }

            if (!File.Exists(target))
            {
                problems.Add($"{name}: notebooks/{LessonExporter.RunFolderName}/{Path.GetFileName(target)} is missing; run `{LessonExporter.ExportCommandLine}`.");
            }
            else if (!string.Equals(Normalize(File.ReadAllText(target)), Normalize(expected), StringComparison.Ordinal))
            {
                problems.Add($"{name}: notebooks/{LessonExporter.RunFolderName}/{Path.GetFileName(target)} is out of date (the notebook changed); run `{LessonExporter.ExportCommandLine}`.");
            }
        }

        return problems;
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
