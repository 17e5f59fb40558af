using NetCourse.Course;
using NetCourse.Course.Grading;
using NetCourse.Course.Notebooks;

namespace NetCourse.Notebooks.Tests.Grading;

/// <summary>
/// The grade command on a class folder holding malformed files and a learner who handed in twice: each costs only its
/// own rows; and the class graded in two shards and merged gives the gradebook of one run.
/// </summary>
[Category("Slow")]
public class GradeClassTests
{
    private DirectoryInfo _work = null!;
    private Dictionary<(string Learner, string Exercise), ExerciseScore> _whole = null!;
    private string _wholeCsv = "";
    private string _mergedCsv = "";

    [OneTimeSetUp]
    public async Task GradeTheClassWholeAndInShards()
    {
        _work = Directory.CreateTempSubdirectory("netcourse-grade-class-");
        var submissions = Directory.CreateDirectory(Path.Combine(_work.FullName, "class")).FullName;
        var instructor = Notebook.Load(Path.Combine(CourseNotebooks.Paths.Notebooks, "06-ip-addresses.ipynb"));
        instructor.Save(Path.Combine(submissions, "ada.ipynb"));
        StudentRelease.Make(instructor).Save(Path.Combine(submissions, "bo.ipynb"));
        instructor.Save(Path.Combine(submissions, "twice.ipynb"));
        instructor.Save(Path.Combine(submissions, "twice", "06-ip-addresses.ipynb"));
        File.WriteAllText(Path.Combine(submissions, "source42.ipynb"), """{"cells": [{"cell_type": "code", "source": 42}]}""");
        File.WriteAllText(Path.Combine(submissions, "role5.ipynb"), """{"cells": [{"cell_type": "code", "source": "", "metadata": {"netcourse": {"role": 5}}}]}""");
        File.WriteAllText(Path.Combine(submissions, "metadata-list.ipynb"), """{"cells": [{"cell_type": "code", "source": "", "metadata": []}]}""");
        File.WriteAllText(Path.Combine(submissions, "not-json.ipynb"), "{{{");

        string Out(string name) => Path.Combine(_work.FullName, name);
        await GradeAsync("grade", "--submissions", submissions, "--lesson", "06", "--out", Out("whole"));
        await GradeAsync("grade", "--submissions", submissions, "--lesson", "06", "--out", Out("shard1"), "--shard", "1/2");
        await GradeAsync("grade", "--submissions", submissions, "--lesson", "06", "--out", Out("shard2"), "--shard", "2/2");
        await GradeAsync("grade", "merge", "--out", Out("merged"), Out("shard2"), Out("shard1"));
        _whole = Gradebook.Read(Out("whole")).Rows.ToDictionary(r => (r.Learner, r.Exercise));
        _wholeCsv = File.ReadAllText(Path.Combine(Out("whole"), "gradebook.csv"));
        _mergedCsv = File.ReadAllText(Path.Combine(Out("merged"), "gradebook.csv"));
    }

    [OneTimeTearDown]
    public void Clean() => _work.Delete(recursive: true);

    [TestCase("ada", 2, 3, 4)]
    [TestCase("bo", 0, 0, 0)]
    public void Learners_Beside_The_Bad_Files_Are_Graded_As_Usual(string learner, double first, double second, double third)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_whole[(learner, "06.1")].Points, Is.EqualTo(first), _whole[(learner, "06.1")].Message);
            Assert.That(_whole[(learner, "06.2")].Points, Is.EqualTo(second), _whole[(learner, "06.2")].Message);
            Assert.That(_whole[(learner, "06.3")].Points, Is.EqualTo(third), _whole[(learner, "06.3")].Message);
        }
    }

    [TestCase("source42", "\"source\" that is the number 42")]
    [TestCase("role5", "\"metadata.netcourse.role\" that is the number 5")]
    [TestCase("metadata-list", "\"metadata\" that is a list")]
    [TestCase("not-json", "not valid JSON")]
    public void A_Malformed_Submission_Gets_Zero_Saying_Why(string learner, string why)
    {
        var rows = _whole.Where(r => r.Key.Learner == learner).Select(r => r.Value).ToList();

        Assert.That(rows, Has.Count.EqualTo(3).And.All.Matches<ExerciseScore>(r => r.Points == 0 && r.Message.StartsWith("could not be read: ", StringComparison.Ordinal) && r.Message.Contains(why, StringComparison.Ordinal)));
    }

    [Test]
    public void A_Learner_Who_Handed_In_Twice_Is_Refused_By_Name()
    {
        var rows = _whole.Where(r => r.Key.Learner == "twice").Select(r => r.Value).ToList();

        Assert.That(rows, Has.Count.EqualTo(3).And.All.Matches<ExerciseScore>(r => r.Points == 0 && r.Message.Contains("refused: twice handed in this lesson 2 times", StringComparison.Ordinal)));
    }

    [Test]
    public void Two_Shards_Merged_Give_The_Gradebook_Of_One_Run() => Assert.That(_mergedCsv, Is.EqualTo(_wholeCsv));

    private static async Task GradeAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await Cli.RunAsync(args, output, error, CancellationToken.None);
        Assert.That(exit, Is.Zero, $"{string.Join(' ', args)}\n{output}\n{error}");
    }
}
