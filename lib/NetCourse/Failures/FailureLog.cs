using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>The calls of one staged failure, in order, with what each returned or threw (lesson 16).</summary>
public sealed class FailureLog : ITabular
{
    private readonly List<FailureStep> _steps = [];
    private (IPEndPoint Local, IPEndPoint Remote)? _client;

    internal FailureLog(string title) => Title = title;

    /// <summary>What was staged.</summary>
    public string Title { get; }

    /// <summary>Every call, in order.</summary>
    public IReadOnlyList<FailureStep> Steps => _steps;

    /// <summary>Why the failure could not be staged here, or null when it was.</summary>
    public string? Skipped { get; private set; }

    /// <summary>The first step whose call starts with <paramref name="call"/>.</summary>
    /// <exception cref="KeyNotFoundException">No step has that call.</exception>
    public FailureStep this[string call] =>
        _steps.FirstOrDefault(s => s.Call.StartsWith(call, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"No step '{call}' in '{Title}'; steps: {string.Join("; ", _steps.Select(s => s.Call))}.");

    /// <inheritdoc/>
    public HtmlTable ToTable()
    {
        var table = new HtmlTable("who", "call", ".NET result", "SocketError", "errno", "ms", "client's TCP state after", "what the OS did") { Caption = Title };
        foreach (var s in _steps)
        {
            table.AddRow(s.Who, s.Call, s.Result, s.Error?.ToString() ?? "-", s.ErrnoName, s.Milliseconds.ToString("0.0", CultureInfo.InvariantCulture), s.ClientState, s.Note);
        }

        if (Skipped is not null)
        {
            table.AddRow("-", "-", "skipped", "-", "-", "-", "-", Skipped);
        }

        return table;
    }

    internal void Watch(Socket client) => _client = ((IPEndPoint)client.LocalEndPoint!, (IPEndPoint)client.RemoteEndPoint!);

    internal FailureLog Skip(string reason)
    {
        Skipped = reason;
        return this;
    }

    internal Task<T?> RunBlockingAsync<T>(string who, string call, Func<T> action, Func<T, string> describe, string note) =>
        RunAsync(who, call, () => Task.FromResult(action()), describe, note);

    internal async Task<T?> RunAsync<T>(string who, string call, Func<Task<T>> action, Func<T, string> describe, string note)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var value = await action().ConfigureAwait(false);
            Add(who, call, describe(value), null, started, note);
            return value;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or TimeoutException or ObjectDisposedException or IOException)
        {
            Add(who, call, $"{e.GetType().Name}: {e.Message}", e as SocketException, started, note);
            return default;
        }
    }

    private void Add(string who, string call, string result, SocketException? error, long started, string note)
    {
        var took = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var state = _client is not { } c ? "-"
            : !File.Exists("/proc/net/tcp") ? "-"
            : TcpTable.Read().Connection(c.Local, c.Remote) is { } entry ? ConnectionLifecycle.Name(entry.State) : "(gone)";
        lock (_steps)
        {
            _steps.Add(new FailureStep(who, call, result, error?.SocketErrorCode, error?.NativeErrorCode, took, state, note));
        }
    }

    internal void Annotate(string who, string text)
    {
        lock (_steps)
        {
            var i = _steps.FindLastIndex(s => s.Who == who);
            _steps[i] = _steps[i] with { Result = $"{_steps[i].Result.TrimEnd('.')}; {text}" };
        }
    }
}
