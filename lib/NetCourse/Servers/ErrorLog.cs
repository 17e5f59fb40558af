using System.Collections.Concurrent;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>The exceptions a server caught: the latest 100 kept, all counted.</summary>
internal sealed class ErrorLog
{
    private const int Kept = 100;
    private readonly ConcurrentQueue<Exception> _errors = new();
    private int _count;

    public IReadOnlyList<Exception> Latest => [.. _errors];

    public int Count => Volatile.Read(ref _count);

    public void Record(Exception error)
    {
        Interlocked.Increment(ref _count);
        _errors.Enqueue(error);
        while (_errors.Count > Kept && _errors.TryDequeue(out _))
        {
        }
    }

    /// <summary>True when <paramref name="error"/> is the peer resetting the connection, directly or inside a stream's IOException.</summary>
    public static bool IsPeerReset(Exception error) =>
        (error as SocketException ?? error.InnerException as SocketException) is { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted };
}
