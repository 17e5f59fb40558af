namespace NetCourse;

/// <summary>
/// One step of a <see cref="ConnectionLifecycle"/> and the TCP state of each of the three sockets after it, as the
/// operating system reported it. CLOSED means the operating system lists no connection for that socket (RFC 9293:
/// CLOSED is the state of no connection).
/// </summary>
/// <param name="Step">What the program did.</param>
/// <param name="Client">The client's socket.</param>
/// <param name="Listener">The server's listening socket: LISTEN until the server closes it.</param>
/// <param name="Accepted">The server's socket for this connection, which accept hands out.</param>
public sealed record LifecycleStep(string Step, string Client, string Listener, string Accepted);
