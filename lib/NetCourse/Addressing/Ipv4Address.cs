using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>IPv4 addresses as 32-bit numbers and 4 bytes in network byte order (the inet_aton / inet_ntoa equivalents).</summary>
public static class Ipv4Address
{
    /// <summary>Parses strict dotted-decimal text ("192.168.1.77") into its 4 bytes, most significant first.</summary>
    /// <exception cref="ArgumentException">The text is not four decimal numbers 0-255 separated by dots.</exception>
    public static byte[] ToBytes(string dotted)
    {
        ArgumentNullException.ThrowIfNull(dotted);
        var parts = dotted.Split('.');
        if (parts.Length != 4)
        {
            throw new ArgumentException($"'{dotted}' is not an IPv4 address: it needs four numbers separated by dots.", nameof(dotted));
        }

        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            var part = parts[i];
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit) || (part.Length > 1 && part[0] == '0'))
            {
                throw new ArgumentException($"'{dotted}' is not an IPv4 address: part '{part}' must be a decimal number 0-255 without leading zeros.", nameof(dotted));
            }

            var value = int.Parse(part, CultureInfo.InvariantCulture);
            if (value > 255)
            {
                throw new ArgumentException($"'{dotted}' is not an IPv4 address: {value} is larger than 255.", nameof(dotted));
            }

            bytes[i] = (byte)value;
        }

        return bytes;
    }

    /// <summary>Formats 4 bytes in network byte order as dotted decimal.</summary>
    /// <exception cref="ArgumentException">There are not exactly 4 bytes.</exception>
    public static string FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 4)
        {
            throw new ArgumentException($"An IPv4 address has 4 bytes, not {bytes.Length}.", nameof(bytes));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{bytes[0]}.{bytes[1]}.{bytes[2]}.{bytes[3]}");
    }

    /// <summary>The address as one 32-bit number (first byte in the top 8 bits).</summary>
    public static uint ToUInt32(string dotted)
    {
        var b = ToBytes(dotted);
        return (uint)b[0] << 24 | (uint)b[1] << 16 | (uint)b[2] << 8 | b[3];
    }

    /// <summary>Dotted decimal for a 32-bit number.</summary>
    public static string FromUInt32(uint value) =>
        FromBytes([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);

    /// <summary>The address as 32 bits in groups of 8, e.g. "11000000.10101000.00000001.01001101".</summary>
    public static string ToBinary(string dotted) =>
        string.Join('.', ToBytes(dotted).Select(b => Convert.ToString(b, 2).PadLeft(8, '0')));

    /// <summary>Parses an IPv4 address with the same strict rules as <see cref="ToBytes"/>.</summary>
    public static IPAddress Parse(string dotted) => new(ToBytes(dotted));

    /// <summary>Checks that <paramref name="address"/> is IPv4.</summary>
    /// <exception cref="ArgumentException">It is IPv6.</exception>
    internal static void RequireV4(IPAddress address, string parameter)
    {
        ArgumentNullException.ThrowIfNull(address, parameter);
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"{address} is not an IPv4 address.", parameter);
        }
    }
}
