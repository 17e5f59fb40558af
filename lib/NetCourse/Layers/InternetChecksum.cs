namespace NetCourse;

/// <summary>The Internet checksum (RFC 1071): the ones' complement of the ones'-complement sum of 16-bit words.</summary>
public static class InternetChecksum
{
    /// <summary>Computes the checksum of <paramref name="data"/> (an odd last byte is padded with zero).</summary>
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        ulong sum = 0; // 64 bits: 2^48 words of 0xffff before it could overflow
        for (var i = 0; i + 1 < data.Length; i += 2)
        {
            sum += (uint)(data[i] << 8 | data[i + 1]);
        }

        if (data.Length % 2 == 1)
        {
            sum += (uint)(data[^1] << 8);
        }

        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
