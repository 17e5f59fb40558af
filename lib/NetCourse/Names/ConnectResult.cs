using System.Globalization;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>How a connect over several addresses went: every attempt, the connected socket if one won, the time to it.</summary>
public sealed class ConnectResult : ITabular, IDisposable
{
    internal ConnectResult(string strategy, IReadOnlyList<ConnectionAttempt> attempts, Socket? winner, TimeSpan elapsed)
    {
        Strategy = strategy;
        Attempts = attempts;
        Winner = winner;
        Elapsed = elapsed;
    }

    /// <summary>How the addresses were tried.</summary>
    public string Strategy { get; }

    /// <summary>The attempts in the order they started.</summary>
    public IReadOnlyList<ConnectionAttempt> Attempts { get; }

    /// <summary>The connected socket, or null when every attempt failed.</summary>
    public Socket? Winner { get; }

    /// <summary>From the first attempt to the connection (or to the last failure).</summary>
    public TimeSpan Elapsed { get; }

    /// <inheritdoc/>
    public HtmlTable ToTable()
    {
        var table = new HtmlTable("address", "started", "ended", "outcome")
        {
            Caption = $"{Strategy}: {(Winner is null ? "no connection" : $"connected to {Winner.RemoteEndPoint}")} after {Ms(Elapsed)}",
        };
        foreach (var a in Attempts)
        {
            table.AddRow(a.Target, Ms(a.Started), a.Ended is { } e ? Ms(e) : "", a.Outcome);
        }

        return table;
    }

    /// <summary>Closes the winning socket.</summary>
    public void Dispose() => Winner?.Dispose();

    private static string Ms(TimeSpan t) => $"{t.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms";
}
