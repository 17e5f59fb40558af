using System.Net;

namespace NetCourse;

/// <summary>One TCP socket as the operating system lists it.</summary>
/// <param name="Local">The local address and port.</param>
/// <param name="Remote">The remote address and port (0.0.0.0:0 for a listener).</param>
/// <param name="State">The TCP state.</param>
/// <param name="Inode">The socket's inode, which links it to the process holding it.</param>
public sealed record TcpSocketEntry(IPEndPoint Local, IPEndPoint Remote, TcpConnectionState State, long Inode);
