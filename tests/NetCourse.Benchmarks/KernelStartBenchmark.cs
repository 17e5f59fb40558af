using System.Diagnostics;
using NetCourse.Course;
using NetCourse.Course.Kernels;
using NetCourse.Course.Notebooks;

namespace NetCourse.Benchmarks;

/// <summary>
/// Kernel start plus a lesson's first cell (build check and #r of the library), as a learner meets it. The start
/// includes the kernel's first compile, which <see cref="KernelSession.StartAsync(DirectoryInfo, TimeSpan, int, CancellationToken)"/> does before it returns.
/// </summary>
internal static class KernelStartBenchmark
{
    public static async Task RunAsync()
    {
        var paths = CoursePaths.Find(AppContext.BaseDirectory);
        await CoursePreparation.EnsureReadyAsync(paths);
        var setup = Notebook.Load(Path.Combine(paths.Notebooks, "00-start-here.ipynb")).CodeCells.First().Source;
        var starts = new List<double>();
        var firstCells = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            await using var session = await KernelSession.StartAsync(new DirectoryInfo(paths.Notebooks), TimeSpan.FromSeconds(60));
            starts.Add(clock.Elapsed.TotalSeconds);
            clock.Restart();
            await session.RunAsync(setup, TimeSpan.FromSeconds(60));
            await session.RunAsync("Ports.PickFree()", TimeSpan.FromSeconds(60)); // the deferred #r runs before this cell
            firstCells.Add(clock.Elapsed.TotalSeconds);
        }

        starts.Sort();
        firstCells.Sort();
        Console.WriteLine($"kernel: start (to its first compiled line) median {starts[2]:0.00} s, setup cell + first library call median {firstCells[2]:0.00} s (5 runs)");
    }
}
