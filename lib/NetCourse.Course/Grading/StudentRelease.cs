using NetCourse.Course.Notebooks;

namespace NetCourse.Course.Grading;

/// <summary>Makes the student version of an instructor notebook: solutions replaced by stubs, outputs cleared.</summary>
public static class StudentRelease
{
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

    /// <summary>Writes the student version of every lesson into <paramref name="folder"/>; hidden cases are not copied.</summary>
    /// <returns>The files written.</returns>
    public static IReadOnlyList<string> WriteAll(IEnumerable<string> instructorNotebooks, string folder)
    {
        ArgumentNullException.ThrowIfNull(instructorNotebooks);
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (var path in instructorNotebooks)
        {
            var target = Path.Combine(folder, Path.GetFileName(path));
            Make(Notebook.Load(path)).Save(target);
            written.Add(target);
        }

        return written;
    }
}
