using System.Diagnostics;
using NetCourse.Course.Kernels;
using NetCourse.Course.Running;
using NetCourse.Notebooks.Tests.Fixtures;

namespace NetCourse.Notebooks.Tests.Harness;

/// <summary>The harness itself: deliberately bad notebooks must be caught, reported precisely and cleaned up.</summary>
public class NotebookHarnessTests
{
    private static readonly RunOptions Short = new() { CellTimeout = TimeSpan.FromSeconds(5) };

    /// <summary>For the outputs fixture, whose second cell streams 2 MB of output as 20,000 events: 5 s is too short on a busy machine.</summary>
    private static readonly RunOptions Streaming = new() { CellTimeout = TimeSpan.FromSeconds(30), MaxOutputChars = 100_000 };

    [Test, CancelAfter(60_000)]
    public async Task Broken_Notebook_Fails_At_Its_Third_Code_Cell_With_The_Exception_Message(CancellationToken token)
    {
        var run = await CourseNotebooks.RunFileAsync(FixtureNotebooks.Broken, Short with { ValuesAfterCell = new Dictionary<string, IReadOnlyList<string>> { ["c01"] = ["greeting"] } }, token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Succeeded, Is.False);
            Assert.That(run.FirstFailure?.CodeCellNumber, Is.EqualTo(3));
            Assert.That(run.FirstFailure?.Outcome.Status, Is.EqualTo(CellStatus.Failed));
            Assert.That(run.FailureMessage, Does.StartWith("broken: code cell 3").And.Contain("deliberate failure in cell 3"));
            Assert.That(run.CodeCell(2).ReturnValue?.PlainText, Is.EqualTo("5"));
            Assert.That(run.CodeCell(4).Status, Is.EqualTo(CellStatus.Skipped));
            Assert.That((string?)run.CellRun("c01").Values["greeting"], Is.EqualTo("hello"), "the variable read as JSON right after its cell ran");
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task Compile_Error_Is_Reported_With_The_Compiler_Message(CancellationToken token)
    {
        var run = await CourseNotebooks.RunFileAsync(FixtureNotebooks.DoesNotCompile, Short, token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.FirstFailure?.CodeCellNumber, Is.EqualTo(2));
            Assert.That(run.FailureMessage, Does.Contain("CS0029"));
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task Hanging_Notebook_Times_Out_Within_Its_Cell_Timeout(CancellationToken token)
    {
        var clock = Stopwatch.StartNew();
        var run = await CourseNotebooks.RunFileAsync(FixtureNotebooks.Hanging, Short, token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.FirstFailure?.CodeCellNumber, Is.EqualTo(2));
            Assert.That(run.FirstFailure?.Outcome.Status, Is.EqualTo(CellStatus.TimedOut));
            Assert.That(run.FailureMessage, Does.Contain("did not finish within 5 s"));
            Assert.That(run.CodeCell(3).Status, Is.EqualTo(CellStatus.Skipped));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "kernel start + 5 s timeout + cleanup");
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task Cell_That_Ends_The_Kernel_Process_Is_Reported_As_Kernel_Died(CancellationToken token)
    {
        var run = await CourseNotebooks.RunFileAsync(FixtureNotebooks.KillsKernel, Short, token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.FirstFailure?.CodeCellNumber, Is.EqualTo(2));
            Assert.That(run.FirstFailure?.Outcome.Status, Is.EqualTo(CellStatus.KernelDied));
            Assert.That(run.FailureMessage, Does.Contain("kernel process ended"));
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task Cell_Outputs_Are_Captured_By_Kind(CancellationToken token)
    {
        var run = await CourseNotebooks.RunFileAsync(FixtureNotebooks.Outputs, Streaming, token);
        var first = run.CodeCell(1);
        var flood = run.CodeCell(2);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Succeeded, Is.True, run.FailureMessage);
            Assert.That(first.ReturnValue?.PlainText, Is.EqualTo("42"));
            Assert.That(first.ReturnValue?["text/html"], Does.Contain("42"));
            Assert.That(first.StandardOutput, Is.EqualTo("to stdout\n"));
            Assert.That(first.StandardError, Is.EqualTo("to stderr\n"));
            Assert.That(first.Outputs.Where(o => o.Kind == CellOutputKinds.Display).Select(o => o["text/plain"]), Is.EqualTo(new[] { "displayed value" }));
            Assert.That(flood.Truncated, Is.True);
            Assert.That(flood.StandardOutput.Length, Is.LessThanOrEqualTo(100_000));
            Assert.That(flood.ReturnValue?.PlainText, Is.EqualTo("printed two megabytes"));
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task Disposing_A_Session_Kills_The_Kernel_And_Every_Process_It_Started_Even_Outside_The_Course_Folder(CancellationToken token)
    {
        var session = await KernelSession.StartAsync(new DirectoryInfo(Path.GetTempPath()), TimeSpan.FromSeconds(60), cancellationToken: token);
        int kernel, child;
        try
        {
            var outcome = await session.RunAsync("System.Diagnostics.Process.Start(\"sleep\", \"300\").Id", TimeSpan.FromSeconds(10), token);
            Assert.That(outcome.Status, Is.EqualTo(CellStatus.Succeeded), outcome.Error);
            child = int.Parse(outcome.ReturnValue!.PlainText, System.Globalization.CultureInfo.InvariantCulture);
            kernel = session.ProcessId;
        }
        finally
        {
            await session.DisposeAsync();
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(IsRunning(kernel), Is.False, "kernel process");
            Assert.That(IsRunning(child), Is.False, "process started by a cell");
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.WaitForExit(TimeSpan.FromSeconds(5));
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
