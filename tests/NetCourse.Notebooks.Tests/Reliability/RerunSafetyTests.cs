using NetCourse.Course.Kernels;
using NetCourse.Course.Notebooks;

namespace NetCourse.Notebooks.Tests.Reliability;

/// <summary>Re-running the cell that starts a named server, 100 times in one kernel, leaves one listener and no growth.</summary>
[Category("Slow")]
public class RerunSafetyTests
{
    private const string StartCell = "var rerun = await TcpServer.StartAsync(\"rerun\", Handlers.Echo); await SocketClient.RequestAsync(rerun.EndPoint, \"ping\")";

    [Test, CancelAfter(180_000)]
    public async Task Starting_A_Named_Server_100_Times_Leaves_One_Listener_And_No_Growing_Threads_Or_Handles(CancellationToken token)
    {
        await NetCourse.Course.CoursePreparation.EnsureReadyAsync(CourseNotebooks.Paths, token);
        await using var kernel = await KernelSession.StartAsync(new DirectoryInfo(CourseNotebooks.Paths.Notebooks), TimeSpan.FromSeconds(60), cancellationToken: token);
        var setup = Notebook.Load(Path.Combine(CourseNotebooks.Paths.Notebooks, "00-start-here.ipynb")).CodeCells.First().Source;
        Assert.That((await kernel.RunAsync(setup, TimeSpan.FromSeconds(120), token)).Status, Is.EqualTo(CellStatus.Succeeded));

        // The first 50 runs warm up the kernel (compiler, thread pool); the last 50 must not grow anything.
        await RunStartCell(kernel, 50, token);
        var after50 = ProcessCounts.Of(kernel.ProcessId);
        await RunStartCell(kernel, 50, token);
        var after100 = ProcessCounts.Of(kernel.ProcessId);
        TestContext.Out.WriteLine($"after 50: {after50}; after 100: {after100}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(after100.Listeners, Is.EqualTo(1), "exactly one listening socket");
            Assert.That(after100.Sockets - after50.Sockets, Is.LessThanOrEqualTo(2), $"sockets: {after50} -> {after100}");
            Assert.That(after100.Handles - after50.Handles, Is.LessThanOrEqualTo(8), $"handles: {after50} -> {after100}");
            // The thread pool may add a few workers; a leak per run would add 50 or more.
            Assert.That(after100.Threads - after50.Threads, Is.LessThanOrEqualTo(6), $"threads: {after50} -> {after100}");
        }
    }

    private static async Task RunStartCell(KernelSession kernel, int times, CancellationToken token)
    {
        for (var i = 0; i < times; i++)
        {
            var outcome = await kernel.RunAsync(StartCell, TimeSpan.FromSeconds(30), token);
            Assert.That(outcome.ReturnValue?.PlainText, Is.EqualTo("ping"), outcome.Error);
        }
    }
}
