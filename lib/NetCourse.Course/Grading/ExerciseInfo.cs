using System.Globalization;
using System.Text.RegularExpressions;
using NetCourse.Course.Notebooks;

namespace NetCourse.Course.Grading;

/// <summary>An exercise as the instructor notebook declares it: id, title and points, read from its check cell.</summary>
/// <param name="Id">The exercise id.</param>
/// <param name="Title">Its title.</param>
/// <param name="Points">Points possible.</param>
public sealed partial record ExerciseInfo(string Id, string Title, double Points)
{
    /// <summary>Every exercise of a notebook, in order, from its check cells (<c>new Exercise("06.2", "Broadcast", 3)</c>).</summary>
    /// <exception cref="InvalidDataException">A check cell has no readable <c>new Exercise(...)</c>.</exception>
    public static IReadOnlyList<ExerciseInfo> Read(Notebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var exercises = new List<ExerciseInfo>();
        foreach (var cell in notebook.CodeCells.Where(c => c.Role == "check"))
        {
            var match = Declaration().Match(cell.Source);
            if (!match.Success)
            {
                throw new InvalidDataException($"{notebook.Name}: check cell {cell.Index} has no 'new Exercise(\"NN.k\", \"title\", points)'.");
            }

            exercises.Add(new ExerciseInfo(match.Groups["id"].Value, match.Groups["title"].Value,
                double.Parse(match.Groups["points"].Value, CultureInfo.InvariantCulture)));
        }

        return exercises;
    }

    [GeneratedRegex("""new (global::NetCourse\.)?Exercise\("(?<id>[0-9]{2}\.[0-9]+)",\s*"(?<title>[^"]*)",\s*(?<points>[0-9]+(\.[0-9]+)?)\)""")]
    private static partial Regex Declaration();
}
