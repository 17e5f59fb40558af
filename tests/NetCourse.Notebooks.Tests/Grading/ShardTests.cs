using NetCourse.Course.Commands;
using NetCourse.Course.Grading;

namespace NetCourse.Notebooks.Tests.Grading;

/// <summary>
/// <c>grade --shard K/N</c> and <c>grade merge</c>: a class graded in shards and merged gives the gradebook of one run.
/// The class here is unreadable notebooks (no kernel starts), so the test is about splitting and joining, and stays fast.
/// </summary>
public class ShardTests
{
    private DirectoryInfo _work = null!;

    [SetUp]
    public void Class()
    {
        _work = Directory.CreateTempSubdirectory("netcourse-shards-");
        for (var i = 0; i < 40; i++)
        {
            var path = Path.Combine(_work.FullName, "class", $"learner-{i:000}.ipynb");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, i % 2 == 0 ? "" : "{ not json " + i);
        }
    }

    [TearDown]
    public void Clean() => _work.Delete(recursive: true);

    [Test]
    public void Every_Learner_Is_In_Exactly_One_Shard_And_Always_The_Same_One()
    {
        var learners = Enumerable.Range(0, 1000).Select(i => $"learner-{i}").ToList();
        var shards = Enumerable.Range(1, 10).Select(k => new Shard(k, 10)).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(learners.Select(l => shards.Count(s => s.Holds(l))), Is.All.EqualTo(1));
            Assert.That(shards.Select(s => learners.Count(s.Holds)), Is.All.InRange(60, 140), "roughly a tenth each");
            Assert.That(new Shard(7, 10).Holds("learner-7"), Is.True, "FNV-1a of 'learner-7' is 6 modulo 10 on every machine");
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task Shards_Merged_Equal_One_Run(CancellationToken token)
    {
        var one = await GradeAsync(new Shard(1, 1), "all", token);
        var folders = new List<string>();
        for (var k = 1; k <= 4; k++)
        {
            folders.Add(await GradeAsync(new Shard(k, 4), $"shard-{k}", token));
        }

        GradeCommand.Merge(folders, Path.Combine(_work.FullName, "merged"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(File.ReadAllText(Path.Combine(_work.FullName, "merged", "gradebook.csv")), Is.EqualTo(File.ReadAllText(Path.Combine(one, "gradebook.csv"))));
            Assert.That(File.ReadLines(Path.Combine(one, "gradebook.csv")).Count(), Is.EqualTo(1 + 40 * 2));
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task Merge_Refuses_A_Missing_Shard_A_Repeated_One_And_A_Learner_In_Two_Shards_By_Name(CancellationToken token)
    {
        var first = await GradeAsync(new Shard(1, 2), "shard-1", token);
        var second = await GradeAsync(new Shard(2, 2), "shard-2", token);
        var overlapping = await GradeAsync(new Shard(1, 1), "all", token);
        GradeCommand.WriteShard(overlapping, new Shard(2, 2));
        var output = Path.Combine(_work.FullName, "merged");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => GradeCommand.Merge([first], output), Throws.ArgumentException.With.Message.Contains("missing shard 2 of 2"));
            Assert.That(() => GradeCommand.Merge([first, first, second], output), Throws.ArgumentException.With.Message.Contains("repeated shard 1"));
            Assert.That(() => GradeCommand.Merge([first, overlapping], output), Throws.ArgumentException.With.Message.Contains("learner-0"));
        }
    }

    private async Task<string> GradeAsync(Shard shard, string name, CancellationToken token)
    {
        var output = Path.Combine(_work.FullName, name);
        var (book, _) = await GradeCommand.GradeClassAsync(Path.Combine(_work.FullName, "class"), [HostileClass.Lesson], "06", HostileClass.Options, 2, shard, token);
        book.Write(output);
        GradeCommand.WriteShard(output, shard);
        return output;
    }
}
