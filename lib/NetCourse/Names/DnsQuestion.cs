namespace NetCourse;

/// <summary>The question of a DNS message (RFC 1035 §4.1.2): a name, a type (1 = A, 28 = AAAA) and a class (1 = IN).</summary>
public sealed record DnsQuestion(string Name, ushort Type, ushort Class = DnsMessage.ClassIn);
