using System.Net.Sockets;

namespace NetCourse;

/// <summary>One call made while a failure was staged, and what came of it.</summary>
/// <param name="Who">Which end made the call ("client", "server").</param>
/// <param name="Call">The call, as code.</param>
/// <param name="Result">What it returned, or the exception's type and message.</param>
/// <param name="Error">The <see cref="SocketError"/> of a <see cref="SocketException"/>, if one was thrown.</param>
/// <param name="Errno">The operating system's error number behind it, if any.</param>
/// <param name="Milliseconds">How long the call took.</param>
/// <param name="ClientState">The client socket's TCP state after the call, as the operating system reports it ("(gone)" when it has none; "-" off Linux).</param>
/// <param name="Note">What the operating system did, in a few words.</param>
public sealed record FailureStep(string Who, string Call, string Result, SocketError? Error, int? Errno, double Milliseconds, string ClientState, string Note)
{
    /// <summary>True when the call threw.</summary>
    public bool Threw => Result.Contains("Exception", StringComparison.Ordinal);

    /// <summary>The errno's symbolic name on Linux (ECONNRESET for 104), or its number elsewhere.</summary>
    public string ErrnoName => Errno is not { } n ? "-"
        : OperatingSystem.IsLinux() && LinuxNames.TryGetValue(n, out var name) ? $"{name} ({n})"
        : n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static readonly Dictionary<int, string> LinuxNames = new()
    {
        [11] = "EAGAIN", [32] = "EPIPE", [103] = "ECONNABORTED", [104] = "ECONNRESET", [107] = "ENOTCONN", [110] = "ETIMEDOUT", [111] = "ECONNREFUSED",
    };
}
