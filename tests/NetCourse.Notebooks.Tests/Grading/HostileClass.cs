using System.Text.Json.Nodes;
using NetCourse.Course.Commands;
using NetCourse.Course.Grading;
using NetCourse.Course.Isolation;
using NetCourse.Course.Notebooks;

namespace NetCourse.Notebooks.Tests.Grading;

/// <summary>
/// A class of lesson 06 (06.1 for 2 points, 06.2 for 3, 06.3 for 4) made of one correct learner and attackers, graded in one run
/// through the grade command's own code; tests then read each learner's score.
/// </summary>
public sealed class HostileClass : IDisposable
{
    /// <summary>The lesson graded.</summary>
    public static readonly string Lesson = Path.Combine(CourseNotebooks.Paths.Notebooks, "06-ip-addresses.ipynb");

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("netcourse-hostile-");

    /// <summary>The instructor's notebook (the correct learner's submission).</summary>
    public Notebook Instructor { get; } = Notebook.Load(Lesson);

    /// <summary>The submissions folder.</summary>
    public string Submissions => Path.Combine(_work.FullName, "submissions");

    /// <summary>The gradebook folder, once graded.</summary>
    public string Output => Path.Combine(_work.FullName, "grades");

    /// <summary>Rows by (learner, exercise), once graded.</summary>
    public Dictionary<(string Learner, string Exercise), ExerciseScore> Grades { get; private set; } = [];

    /// <summary>Kernels started isolated (and never plainly) when true; the plain launch when false.</summary>
    public bool Isolated { get; init; }

    /// <summary>Grading options: the checkout's hidden cases and library; isolated kernels when <see cref="Isolated"/>.</summary>
    public GradingOptions Options => new()
    {
        HiddenFolder = Path.Combine(CourseNotebooks.Paths.Notebooks, "hidden"),
        LibraryFolder = CourseNotebooks.Paths.Library,
        CellTimeout = TimeSpan.FromSeconds(60),
        Launchers = Isolated
            ? _ => KernelIsolation.TryCreate(CourseNotebooks.Paths, new IsolationOptions { HiddenFolders = [Submissions, Output] })
                ?? throw new InvalidOperationException($"Kernels cannot be isolated here: {string.Join("; ", KernelIsolation.Unavailable)}.")
            : null,
    };

    /// <summary>Saves a submission as SUBMISSIONS/<paramref name="relativePath"/>.</summary>
    public void Submit(string relativePath, Notebook notebook) => notebook.Save(Path.Combine(Submissions, relativePath));

    /// <summary>Writes a submission file as raw text (for malformed notebooks).</summary>
    public void SubmitText(string relativePath, string text)
    {
        var path = Path.Combine(Submissions, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>The instructor's notebook with the solution cell of <paramref name="exercise"/> replaced by <paramref name="code"/>.</summary>
    public Notebook WithSolution(string exercise, string code, Notebook? start = null)
    {
        var copy = (start ?? Instructor).Clone();
        copy.CodeCells.First(c => c.Role == "solution" && c.Exercise == exercise).Source = code;
        return copy;
    }

    /// <summary>The instructor's notebook as JSON with one cell's field replaced (for malformed notebooks).</summary>
    public string WithCellField(string field, JsonNode value)
    {
        var copy = Instructor.Clone();
        copy.CodeCells.First(c => c.Role == "solution").Json[field] = value;
        return copy.ToJson();
    }

    /// <summary>Grades every submission in one run, two at a time, and writes the gradebook.</summary>
    public async Task GradeAsync(CancellationToken cancellationToken = default)
    {
        await NetCourse.Course.CoursePreparation.EnsureReadyAsync(CourseNotebooks.Paths, cancellationToken);
        var (book, _) = await GradeCommand.GradeClassAsync(Submissions, [Lesson], Lesson, Options, 2, shard: null, cancellationToken);
        book.Write(Output);
        Grades = book.Rows.ToDictionary(r => (r.Learner, r.Exercise));
    }

    /// <summary>A learner's points on an exercise, with the row's message for assertion failures.</summary>
    public (double Points, string Message) Score(string learner, string exercise) =>
        Grades.TryGetValue((learner, exercise), out var row) ? (row.Points, row.Message) : (double.NaN, $"no row for {learner} {exercise}");

    /// <inheritdoc/>
    public void Dispose() => _work.Delete(recursive: true);
}
