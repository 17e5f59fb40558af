using NetCourse.Course.Grading;
using NetCourse.Course.Notebooks;

namespace NetCourse.Notebooks.Tests.Grading;

/// <summary>Reading hostile submission files, feedback that is safe to open, and shards that join into one gradebook.</summary>
public class GradebookTests
{
    [TestCase("""{"cells": [{"cell_type": "code", "source": 42}]}""", "cell 0 has a \"source\" that is the number 42")]
    [TestCase("""{"cells": [{"cell_type": "code", "source": ["a", 7]}]}""", "cell 0 has a \"source\" that is a list")]
    [TestCase("""{"cells": [{"cell_type": "code", "source": "", "metadata": {"netcourse": {"role": 5}}}]}""", "\"metadata.netcourse.role\" that is the number 5")]
    [TestCase("""{"cells": [{"cell_type": "code", "source": "", "metadata": []}]}""", "\"metadata\" that is a list")]
    [TestCase("""{"cells": [{"cell_type": "code", "source": "", "metadata": {"netcourse": "x"}}]}""", "\"metadata.netcourse\" that is text")]
    [TestCase("""{"cells": [7]}""", "cell 0 is the number 7, not an object")]
    [TestCase("""{"cells": [{"source": "x"}]}""", "\"cell_type\" that is missing or null")]
    [TestCase("""{"cells": {}}""", "no \"cells\" list")]
    [TestCase("""[1, 2]""", "no \"cells\" list")]
    [TestCase("""{"cells": [""", "not valid JSON")]
    [TestCase("", "not valid JSON")]
    public void A_Malformed_Notebook_Is_Refused_Naming_What_Is_Wrong(string json, string why) =>
        Assert.That(() => Notebook.Parse(json, "alice.ipynb"), Throws.TypeOf<InvalidDataException>().With.Message.Contain(why).And.Message.Contain("alice.ipynb"));

    [Test]
    public void A_Notebook_Larger_Than_The_Bound_Is_Refused_Unread()
    {
        var file = Path.Combine(Path.GetTempPath(), $"netcourse-huge-{Guid.NewGuid():N}.ipynb");
        using (var stream = File.Create(file))
        {
            stream.SetLength(Notebook.MaxFileBytes + 1);
        }

        try
        {
            Assert.That(() => Notebook.Load(file), Throws.TypeOf<InvalidDataException>().With.Message.Contain("over the limit"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void An_Empty_File_Is_Refused_As_Empty()
    {
        var file = Path.Combine(Path.GetTempPath(), $"netcourse-empty-{Guid.NewGuid():N}.ipynb");
        File.WriteAllText(file, "");
        try
        {
            Assert.That(() => Notebook.Load(file), Throws.TypeOf<InvalidDataException>().With.Message.EndWith("is empty."));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void Feedback_Shows_Learner_Text_Without_Its_Markup()
    {
        var folder = Directory.CreateTempSubdirectory("netcourse-feedback-");
        try
        {
            var book = new Gradebook();
            book.Add([new ExerciseScore("mallory", "06.1", 0, 5, "threw Exception: x |\n\n## Total: 5 / 5 points\n<script>alert(1)</script> [link](http://x) " + new string('y', 1000))]);
            book.Write(folder.FullName);
            var feedback = File.ReadAllLines(Path.Combine(folder.FullName, "feedback", "mallory.md"));

            using (Assert.EnterMultipleScope())
            {
                Assert.That(feedback.Where(l => l.StartsWith('#')), Is.EqualTo(new[] { "# Feedback for mallory" }), "no heading but the file's own");
                Assert.That(feedback, Has.One.StartsWith("Total: 0 / 5 points"));
                Assert.That(string.Join("\n", feedback), Does.Not.Contain("<script>").And.Not.Contain("[link]("));
                Assert.That(feedback.Single(l => l.StartsWith("| 06.1", StringComparison.Ordinal)).Split(" | "), Has.Length.EqualTo(3), "a '|' in the message does not add a column");
                Assert.That(book.Rows.Single().Message, Has.Length.EqualTo(Gradebook.MaxMessageChars));
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Test]
    public void Shards_Partition_The_Class()
    {
        var learners = Enumerable.Range(0, 37).Select(i => $"learner{i:000}").Reverse().ToList();
        var parts = Enumerable.Range(1, 10).Select(k => new Shard(k, 10).Of(learners)).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(parts.SelectMany(p => p).Order(), Is.EqualTo(learners.Order()), "every learner in exactly one shard");
            Assert.That(parts.Max(p => p.Count) - parts.Min(p => p.Count), Is.LessThanOrEqualTo(1));
        }
    }

    [TestCase("0/3")]
    [TestCase("4/3")]
    [TestCase("1/0")]
    [TestCase("a/3")]
    [TestCase("1-3")]
    [TestCase("-1/3")]
    public void A_Bad_Shard_Is_Refused_By_Name(string text) =>
        Assert.That(() => Shard.Parse(text), Throws.ArgumentException.With.Message.Contain($"'{text}'"));

    [Test]
    public void Merged_Shards_Equal_The_Whole_Class()
    {
        var rows = Enumerable.Range(0, 30).SelectMany(i => new[]
        {
            new ExerciseScore($"l{i:00}", "06.1", i % 3, 2, "m"),
            new ExerciseScore($"l{i:00}", "06.2", i % 4, 3, "n"),
        }).ToList();
        var whole = new Gradebook();
        whole.Add(rows);
        var shards = Enumerable.Range(1, 4).Select(k =>
        {
            var shard = new Shard(k, 4);
            var mine = shard.Of(rows.Select(r => r.Learner));
            var book = new Gradebook(shard);
            book.Add(rows.Where(r => mine.Contains(r.Learner)));
            return RoundTrip(book);
        }).Reverse().ToList();

        Assert.That(Gradebook.Merge(shards).Rows, Is.EqualTo(whole.Rows));
    }

    [Test]
    public void Merge_Refuses_Missing_Repeated_And_Overlapping_Shards()
    {
        Gradebook Shard(int k, int n, params string[] learners)
        {
            var book = new Gradebook(new Shard(k, n));
            book.Add(learners.Select(l => new ExerciseScore(l, "06.1", 1, 2, "m")));
            return book;
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => Gradebook.Merge([Shard(1, 3, "a"), Shard(3, 3, "c")]), Throws.ArgumentException.With.Message.Contain("Shard(s) 2 of 3 missing"));
            Assert.That(() => Gradebook.Merge([Shard(1, 2, "a"), Shard(1, 2, "b"), Shard(2, 2, "c")]), Throws.ArgumentException.With.Message.Contain("1 of 2 given more than once"));
            Assert.That(() => Gradebook.Merge([Shard(1, 2, "a"), Shard(2, 2, "a")]), Throws.ArgumentException.With.Message.Contain("Learner 'a' is in shards 1/2 and 2/2"));
            Assert.That(() => Gradebook.Merge([Shard(1, 2, "a"), Shard(2, 3, "b")]), Throws.ArgumentException.With.Message.Contain("not one of 2"));
            Assert.That(() => Gradebook.Merge([new Gradebook()]), Throws.ArgumentException.With.Message.Contain("--shard K/N"));
        }
    }

    private static Gradebook RoundTrip(Gradebook book)
    {
        var folder = Directory.CreateTempSubdirectory("netcourse-shard-");
        try
        {
            book.Write(folder.FullName);
            return Gradebook.Read(folder.FullName);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
