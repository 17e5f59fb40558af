namespace NetCourse;

/// <summary>A graded exercise: its id ("NN.k", NN = lesson number), title and points.</summary>
public sealed record Exercise
{
    /// <summary>Creates an exercise.</summary>
    /// <exception cref="ArgumentException">The id is not "NN.k" or the points are not positive.</exception>
    public Exercise(string id, string title, double points)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(title);
        var parts = id.Split('.');
        if (parts.Length != 2 || parts[0].Length != 2 || !parts[0].All(char.IsAsciiDigit) || parts[1].Length == 0 || !parts[1].All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"Exercise id '{id}' must look like 06.2 (lesson number, a dot, exercise number).", nameof(id));
        }

        if (points <= 0 || double.IsNaN(points))
        {
            throw new ArgumentOutOfRangeException(nameof(points), points, $"Exercise {id} must be worth more than 0 points.");
        }

        Id = id;
        Title = title;
        Points = points;
    }

    /// <summary>The id, e.g. "06.2".</summary>
    public string Id { get; }

    /// <summary>The title shown in reports.</summary>
    public string Title { get; }

    /// <summary>The points for passing every case.</summary>
    public double Points { get; }

    /// <summary>The lesson number part of the id, e.g. "06".</summary>
    public string Lesson => Id[..2];
}
