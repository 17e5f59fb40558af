using System.Diagnostics;
using System.Text.Json;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Connection;
using Microsoft.DotNet.Interactive.Events;

namespace NetCourse.Course.Kernels;

/// <summary>
/// A .NET Interactive kernel in its own process (<c>dotnet dotnet-interactive stdio</c>), driven the way
/// VS Code drives it. Cells run one at a time, each with a timeout; disposing kills the whole process tree.
/// </summary>
public sealed class KernelSession : IAsyncDisposable
{
    private const int StartAttempts = 3;
    private readonly StdIoKernelConnector _connector;
    private readonly ProxyKernel _csharp;
    private readonly Process _process;
    private readonly HashSet<int> _descendants = [];
    private readonly CellEventRouter _router = new();
    private readonly IDisposable _subscription;
    private int _disposed;

    private KernelSession(StdIoKernelConnector connector, ProxyKernel csharp, Process process, int maxOutputChars)
    {
        _connector = connector;
        _csharp = csharp;
        _process = process;
        MaxOutputChars = maxOutputChars;
        _subscription = csharp.KernelEvents.Subscribe(new EventSink(this));
    }

    /// <summary>The most characters of output kept per cell; the rest is dropped and the outcome marked truncated.</summary>
    public int MaxOutputChars { get; }

    /// <summary>The kernel's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>True while the kernel process runs.</summary>
    public bool IsAlive => !_process.HasExited;

    /// <summary>
    /// Starts a kernel whose working directory is <paramref name="workingDirectory"/> (the plain launch) and has it compile a
    /// first line of code, so that the first cell is timed like any other.
    /// </summary>
    /// <param name="workingDirectory">The kernel's current directory (the notebook's folder in VS Code and Jupyter).</param>
    /// <param name="startTimeout">The most the kernel may take to answer and run its first line.</param>
    /// <param name="maxOutputChars">The most characters of output kept per cell.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="TimeoutException">The kernel did not answer within <paramref name="startTimeout"/>.</exception>
    public static Task<KernelSession> StartAsync(
        DirectoryInfo workingDirectory, TimeSpan startTimeout, int maxOutputChars = 1_000_000, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workingDirectory);
        return StartAsync(new PlainLauncher(workingDirectory), startTimeout, maxOutputChars, cancellationToken);
    }

    /// <summary>
    /// Starts a kernel the way <paramref name="launcher"/> says (command line, working folder) and has it compile a first
    /// line of code. A start that fails inside the connector is tried again with a new kernel process, three times at most.
    /// </summary>
    /// <param name="launcher">Starts the kernel: plainly, or isolated.</param>
    /// <param name="startTimeout">The most the kernel may take to answer and run its first line.</param>
    /// <param name="maxOutputChars">The most characters of output kept per cell.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="TimeoutException">The kernel did not answer within <paramref name="startTimeout"/>.</exception>
    public static async Task<KernelSession> StartAsync(
        IKernelLauncher launcher, TimeSpan startTimeout, int maxOutputChars = 1_000_000, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(launcher);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxOutputChars);
        var workingDirectory = launcher.WorkingDirectory;
        if (!workingDirectory.Exists)
        {
            throw new DirectoryNotFoundException($"Kernel working directory '{workingDirectory.FullName}' does not exist.");
        }

        Environment.SetEnvironmentVariable("DOTNET_INTERACTIVE_SKIP_FIRST_TIME_EXPERIENCE", "1");
        Environment.SetEnvironmentVariable("DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT", "1");
        for (var attempt = 1; ; attempt++)
        {
            var clock = Stopwatch.StartNew();
            var connector = new StdIoKernelConnector(
                [.. launcher.KernelCommand(KernelTool.StdioCommand(CoursePaths.Find(AppContext.BaseDirectory))).Select(QuoteForConnector)],
                "root",
                KernelHost.CreateHostUri($"netcourse-{Guid.NewGuid():N}"),
                workingDirectory);
            try
            {
                var csharp = await connector.CreateProxyKernelAsync("csharp")
                    .WaitAsync(startTimeout, cancellationToken).ConfigureAwait(false);
                var pid = connector.ProcessId
                    ?? throw new InvalidOperationException("The kernel process did not start.");
                var session = new KernelSession(connector, csharp, Process.GetProcessById(pid), maxOutputChars);
                try
                {
                    await session.WarmUpAsync(launcher.LibraryFolder, startTimeout - clock.Elapsed, cancellationToken).ConfigureAwait(false);
                    return session;
                }
                catch
                {
                    await session.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            }
            catch (TimeoutException)
            {
                Kill(connector, []);
                throw new TimeoutException($"The kernel did not start within {startTimeout.TotalSeconds:0} s in '{workingDirectory.FullName}'.");
            }
            catch (InvalidOperationException) when (attempt < StartAttempts && !cancellationToken.IsCancellationRequested)
            {
                // The connector flags the kernel ready before it has stored the kernel's description, and may then not
                // find it ("Sequence contains no matching element"); a busy machine hits that race. A new kernel does not.
                Kill(connector, []);
            }
            catch
            {
                Kill(connector, []);
                throw;
            }
        }
    }

    // The connector joins the command's words with spaces into ProcessStartInfo.Arguments, which is split again by
    // spaces and tabs outside double quotes; a word with a space, tab, newline or quote is quoted so it stays one word.
    internal static string QuoteForConnector(string word)
    {
        if (word.Length > 0 && word.IndexOfAny([' ', '\t', '\n', '\r', '"']) < 0)
        {
            return word;
        }

        var quoted = new System.Text.StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in word)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }

            quoted.Append('\\', c == '"' ? (backslashes * 2) + 1 : backslashes).Append(c);
            backslashes = 0;
        }

        return quoted.Append('\\', backslashes * 2).Append('"').ToString();
    }

    /// <summary>Runs C# code as one cell and returns what it produced. Never throws for the cell's own errors.</summary>
    public async Task<CellOutcome> RunAsync(string code, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The cell timeout must be positive.");
        }

        // Every event names the command that caused it; a cell's events are the ones of its own command, whenever they
        // arrive, so a late event (from a task the cell left running) goes to its own cell and never to the next one.
        var command = new SubmitCode(code);
        var events = _router.Register(command, MaxOutputChars);

        RememberDescendants();
        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var send = _csharp.SendAsync(command, deadline.Token);
        var exited = _process.WaitForExitAsync(deadline.Token);
        CellStatus status;
        string? error = null;
        try
        {
            var first = await Task.WhenAny(send, exited).ConfigureAwait(false);
            if (first == send)
            {
                var result = await send.ConfigureAwait(false);
                var failed = result.Events.OfType<CommandFailed>().FirstOrDefault();
                status = failed is null ? CellStatus.Succeeded : CellStatus.Failed;
                error = failed?.Message;
            }
            else if (_process.HasExited)
            {
                status = CellStatus.KernelDied;
                error = "The kernel process ended while the cell ran (the cell, or something it called, ended the process).";
            }
            else
            {
                throw new OperationCanceledException(deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            status = CellStatus.TimedOut;
            error = $"The cell did not finish within {timeout.TotalSeconds:0.#} s.";
        }

        RememberDescendants();
        return new CellOutcome(events)
        {
            Status = status,
            Error = error,
            Elapsed = clock.Elapsed,
        };
    }

    // A kernel's first submission also starts its compiler (about 2 s of a 2.2 s first cell here, far more on a busy
    // machine). Paying for that within the start keeps each cell's timeout about the cell itself.
    // The first line: has the kernel compile once, and names the library the setup cell loads (NETCOURSE_LIB) if given.
    private async Task WarmUpAsync(string? libraryFolder, TimeSpan left, CancellationToken cancellationToken)
    {
        var code = (libraryFolder is null ? "" : $"System.Environment.SetEnvironmentVariable(\"NETCOURSE_LIB\", {JsonSerializer.Serialize(libraryFolder)}); ")
            + "System.Environment.ProcessId";
        var outcome = left > TimeSpan.Zero ? await RunAsync(code, left, cancellationToken).ConfigureAwait(false) : null;
        if (outcome is null || outcome.Status == CellStatus.TimedOut)
        {
            throw new TimeoutException();
        }

        if (outcome.Status != CellStatus.Succeeded)
        {
            throw new InvalidOperationException($"The kernel started but could not run code: {outcome.Error}");
        }
    }

    /// <summary>Kills the kernel and every process it started.</summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _subscription.Dispose();
            Kill(_connector, _descendants);
            _process.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private static void Kill(StdIoKernelConnector connector, IEnumerable<int> descendants)
    {
        if (connector.ProcessId is int pid)
        {
            ProcessTree.Kill(pid, descendants);
        }

        connector.Dispose();
    }

    private void RememberDescendants()
    {
        if (!_process.HasExited)
        {
            _descendants.UnionWith(ProcessTree.Descendants(_process.Id));
        }
    }

    private sealed class EventSink(KernelSession session) : IObserver<KernelEvent>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(KernelEvent value) => session._router.Route(value);
    }
}
