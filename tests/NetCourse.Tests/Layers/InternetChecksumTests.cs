
namespace NetCourse.Tests.Layers;

public class InternetChecksumTests
{
    // 4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7: the textbook header, checksum zeroed for computing.
    [TestCase("450000730000400040110000c0a80001c0a800c7", 0xb861)]
    [TestCase("0001f203f4f5f6f7", 0x220d)] // RFC 1071 section 3 example: sum ddf2, complement 220d
    [TestCase("0001f2", 0x0dfe)] // odd length: last byte padded with zero
    [TestCase("", 0xffff)]
    [TestCase("ffff", 0x0000)]
    public void Checksum_Matches_Known_Value(string hex, int expected) =>
        Assert.That(InternetChecksum.Compute(Convert.FromHexString(hex)), Is.EqualTo((ushort)expected));

    [Test]
    public void Checksum_Over_A_Header_That_Contains_Its_Checksum_Is_Zero() =>
        Assert.That(InternetChecksum.Compute(Convert.FromHexString("45000073000040004011b861c0a80001c0a800c7")), Is.Zero);

    [Test]
    public void Sum_Does_Not_Overflow_Over_Large_Data()
    {
        var data = new byte[140_000];
        Array.Fill(data, (byte)0xFF);

        Assert.That(InternetChecksum.Compute(data), Is.Zero, "every word is 0xffff, so the ones'-complement sum is 0xffff and its complement 0");
    }
}
