namespace NetCourse;

/// <summary>
/// One scenario of exercise 18.1: the name to look up and the query id the learner must use; the judge's server
/// answers with <paramref name="Address"/> (NXDOMAIN when null), writing the answer's name as a compression pointer
/// when <paramref name="Compress"/>, and first sends a reply with another id when <paramref name="WrongIdFirst"/>.
/// </summary>
public sealed record DnsCase(string Name, ushort Id, string? Address, bool Compress = true, bool WrongIdFirst = false);
