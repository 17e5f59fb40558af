namespace NetCourse;

/// <summary>A service name and its port, and where the answer came from.</summary>
/// <param name="Name">The service name, e.g. ssh.</param>
/// <param name="Port">Its port.</param>
/// <param name="Protocol">tcp or udp.</param>
/// <param name="Source">The services database file, or "built-in table".</param>
public sealed record ServiceEntry(string Name, int Port, string Protocol, string Source);
