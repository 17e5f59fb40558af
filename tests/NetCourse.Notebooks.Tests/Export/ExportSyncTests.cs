using NetCourse.Course;
using NetCourse.Course.Export;
using NetCourse.Course.Notebooks;

namespace NetCourse.Notebooks.Tests.Export;

/// <summary>The committed file-based lessons (notebooks/run/NN-topic.cs) match what their notebooks export to now.</summary>
public class ExportSyncTests
{
    private static IEnumerable<TestCaseData> Lessons() =>
        CourseNotebooks.Paths.Lessons.Select(path => new TestCaseData(Path.GetFileName(path)).SetArgDisplayNames(Path.GetFileName(path)));

    [TestCaseSource(nameof(Lessons))]
    public void Exported_Lesson_Matches_Its_Notebook(string file)
    {
        var notebook = Path.Combine(CourseNotebooks.Paths.Notebooks, file);
        var target = LessonExporter.TargetPath(notebook);
        var expected = LessonExporter.Export(Notebook.Load(notebook), LessonExporter.SetupNamespaces(CourseNotebooks.Paths));

        Assert.That(File.Exists(target), Is.True, $"{target} is missing: run `{LessonExporter.ExportCommandLine}`.");
        Assert.That(File.ReadAllText(target).ReplaceLineEndings("\n"), Is.EqualTo(expected),
            $"notebooks/run/{Path.GetFileName(target)} is out of date with {file}: run `{LessonExporter.ExportCommandLine}` and commit the result.");
    }

    [Test]
    public void Every_Lesson_Is_In_Sync() =>
        Assert.That(ExportSync.FindStale(CourseNotebooks.Paths), Is.Empty);

    [Test]
    public void A_Notebook_Edited_Without_Exporting_Is_Reported()
    {
        var copy = Directory.CreateTempSubdirectory("netcourse-export-sync-");
        try
        {
            var paths = new CoursePaths(copy.FullName);
            Directory.CreateDirectory(Path.Combine(paths.Notebooks, LessonExporter.RunFolderName));
            var lesson = Path.Combine(paths.Notebooks, "00-start-here.ipynb");
            File.Copy(Path.Combine(CourseNotebooks.Paths.Notebooks, "00-start-here.ipynb"), lesson);
            File.Copy(LessonExporter.TargetPath(Path.Combine(CourseNotebooks.Paths.Notebooks, "00-start-here.ipynb")), LessonExporter.TargetPath(lesson));
            var namespaces = LessonExporter.SetupNamespaces(CourseNotebooks.Paths);
            var before = ExportSync.FindStale(paths, namespaces);

            var notebook = Notebook.Load(lesson);
            var cell = notebook.CodeCells.Last();
            cell.Source += "\n// an edit that was not exported";
            notebook.Save(lesson);
            var after = ExportSync.FindStale(paths, namespaces);

            using (Assert.EnterMultipleScope())
            {
                Assert.That(before, Is.Empty, "the unedited copy is in sync");
                Assert.That(after, Has.Count.EqualTo(1));
                Assert.That(after.Single(), Does.Contain("00-start-here").And.Contain("out of date").And.Contain(LessonExporter.ExportCommandLine));
            }
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }
}
