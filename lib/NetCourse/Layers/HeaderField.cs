namespace NetCourse;

/// <summary>One decoded field of a protocol header.</summary>
/// <param name="Layer">Ethernet, IPv4, TCP or Payload.</param>
/// <param name="Name">The field's name.</param>
/// <param name="Offset">Its first byte in the frame.</param>
/// <param name="Bytes">The raw bytes, as hex.</param>
/// <param name="Value">What they mean.</param>
public sealed record HeaderField(string Layer, string Name, int Offset, string Bytes, string Value);
