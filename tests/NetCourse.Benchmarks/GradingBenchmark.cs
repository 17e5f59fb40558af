using System.Diagnostics;
using NetCourse.Course;
using NetCourse.Course.Commands;
using NetCourse.Course.Grading;
using NetCourse.Course.Kernels;
using NetCourse.Course.Notebooks;

namespace NetCourse.Benchmarks;

/// <summary>
/// Grading a class of lesson 06, two submissions at a time, beside its floor: as many bare kernels started (each to its
/// first compiled line) two at a time, before and after. Every submission needs a kernel of its own, so the ratio says
/// what the grading itself adds to the kernels it cannot do without.
/// </summary>
internal static class GradingBenchmark
{
    private const int Learners = 30;
    private const int Parallel = 2;

    public static async Task RunAsync()
    {
        var paths = CoursePaths.Find(AppContext.BaseDirectory);
        await CoursePreparation.EnsureReadyAsync(paths);
        var lesson = Path.Combine(paths.Notebooks, "06-ip-addresses.ipynb");
        var work = Directory.CreateTempSubdirectory("netcourse-grading-benchmark-");
        try
        {
            WriteClass(Notebook.Load(lesson), work.CreateSubdirectory("class").FullName);
            var options = new GradingOptions { HiddenFolder = Path.Combine(paths.Notebooks, "hidden"), LibraryFolder = paths.Library };
            var floorBefore = await BareKernelsAsync(paths.Library);
            var clock = Stopwatch.StartNew();
            var (gradebook, graded) = await GradeCommand.GradeClassAsync(
                Path.Combine(work.FullName, "class"), [lesson], lesson, options, Parallel, null, CancellationToken.None);
            var grading = clock.Elapsed.TotalSeconds;
            var floorAfter = await BareKernelsAsync(paths.Library);
            var floor = (floorBefore + floorAfter) / 2;
            var points = gradebook.Rows.Sum(r => r.Points);
            Console.WriteLine(
                $"grading: {graded} submissions of lesson 06, {Parallel} at a time, plain: {grading:0.0} s ({points:0.##} points in all); " +
                $"{Learners} bare kernels, {Parallel} at a time: {floorBefore:0.0} s before, {floorAfter:0.0} s after; " +
                $"grading / bare kernels {grading / floor:0.00}×; beyond its kernel a submission costs {(grading - floor) * Parallel / Learners:0.0} s of a slot");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    // A third correct, a third stubs (the student release), a third with 06.1 dropping the last byte.
    private static void WriteClass(Notebook instructor, string folder)
    {
        var release = StudentRelease.Make(instructor);
        var wrong = instructor.Clone();
        wrong.CodeCells.First(c => c.Role == "solution" && c.Exercise == "06.1").Source =
            "uint ToNumber(string a) { var p = a.Split('.').Select(uint.Parse).ToArray(); return p[0] << 24 | p[1] << 16 | p[2] << 8; }";
        Notebook[] kinds = [instructor, release, wrong];
        for (var i = 0; i < Learners; i++)
        {
            kinds[i % kinds.Length].Save(Path.Combine(folder, $"learner{i:000}.ipynb"));
        }
    }

    private static async Task<double> BareKernelsAsync(string library)
    {
        var clock = Stopwatch.StartNew();
        using var slots = new SemaphoreSlim(Parallel);
        await Task.WhenAll(Enumerable.Range(0, Learners).Select(async _ =>
        {
            await slots.WaitAsync();
            try
            {
                await using var launcher = new PlainLauncher(library);
                await using var session = await KernelSession.StartAsync(launcher, TimeSpan.FromSeconds(120));
            }
            finally
            {
                slots.Release();
            }
        }));
        return clock.Elapsed.TotalSeconds;
    }
}
