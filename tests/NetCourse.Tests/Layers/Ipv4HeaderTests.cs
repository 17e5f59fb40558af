
namespace NetCourse.Tests.Layers;

public class Ipv4HeaderTests
{
    private const string Textbook = "4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7";

    [Test]
    public void Textbook_Header_Decodes_Field_By_Field()
    {
        var header = Ipv4Header.ParseHex(Textbook);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(header.Version, Is.EqualTo(4));
            Assert.That(header.HeaderLength, Is.EqualTo(20));
            Assert.That(header.TotalLength, Is.EqualTo(0x73));
            Assert.That(header.DontFragment, Is.True);
            Assert.That(header.TimeToLive, Is.EqualTo(64));
            Assert.That(header.Protocol, Is.EqualTo(17));
            Assert.That(header.ProtocolName, Is.EqualTo("17 = UDP"));
            Assert.That(header.Checksum, Is.EqualTo(0xb861));
            Assert.That(header.ChecksumValid, Is.True);
            Assert.That(header.Source, Is.EqualTo("192.168.0.1"));
            Assert.That(header.Destination, Is.EqualTo("192.168.0.199"));
        }
    }

    [Test]
    public void Changed_Byte_Makes_The_Checksum_Invalid() =>
        Assert.That(Ipv4Header.ParseHex(Textbook.Replace("4011", "3f11", StringComparison.Ordinal)).ChecksumValid, Is.False);

    [TestCase("4500 0073", "too short")]
    [TestCase("6500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7", "Version 6")]
    [TestCase("4400 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7", "Header length 16")]
    [TestCase("4f00 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7", "Header length 60")]
    [TestCase("45zz", "not hex")]
    public void Bad_Header_Is_Rejected_Naming_The_Value(string hex, string message) =>
        Assert.That(() => Ipv4Header.ParseHex(hex), Throws.ArgumentException.With.Message.Contains(message));

    [Test]
    public void Built_Header_Matches_The_Textbook_Bytes_And_Checksum()
    {
        var header = Ipv4Header.For(payloadLength: 0x73 - 20, protocol: 17, "192.168.0.1", "192.168.0.199");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Convert.ToHexString(header.ToBytes()), Is.EqualTo(Textbook.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()));
            Assert.That(header.Checksum, Is.EqualTo(0xb861));
        }
    }

    [TestCase(0, 6, "10.0.0.1", "10.0.0.2", 64, 0)]
    [TestCase(1480, 17, "192.0.2.1", "198.51.100.255", 1, 65535)]
    [TestCase(65515, 1, "0.0.0.0", "255.255.255.255", 255, 7)]
    public void Parse_Of_Built_Header_Gives_It_Back(int payload, int protocol, string source, string destination, int ttl, int id)
    {
        var header = Ipv4Header.For(payload, protocol, source, destination, ttl, id);

        Assert.That(Ipv4Header.Parse(header.ToBytes()), Is.EqualTo(header));
    }

    [TestCase(-1, 6, 64, "Payload length -1")]
    [TestCase(65516, 6, 64, "Payload length 65516")]
    [TestCase(0, 256, 64, "Protocol 256")]
    [TestCase(0, 6, 300, "Time to live 300")]
    public void Out_Of_Range_Field_Is_Rejected_Naming_It(int payload, int protocol, int ttl, string message) =>
        Assert.That(() => Ipv4Header.For(payload, protocol, "10.0.0.1", "10.0.0.2", ttl), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains(message));

    // TOS 0xb8 (DSCP EF), MF set, fragment offset 185 (1480 bytes), TTL 63, UDP.
    [TestCase("45b805dc1c4620b93f11000ac0000201c6336401")]
    // DF set, offset 0, TOS 0x02 (ECN capable).
    [TestCase("4502003c000040004006000ac0a80001c0a800c7")]
    public void Parse_Then_ToBytes_Keeps_Every_Field_And_Writes_A_Valid_Checksum(string hexWithWrongChecksum)
    {
        var bytes = Convert.FromHexString(hexWithWrongChecksum);

        var written = Ipv4Header.Parse(bytes).ToBytes();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Convert.ToHexString(written[..10]), Is.EqualTo(Convert.ToHexString(bytes[..10])), "version to protocol, TOS, flags and offset included");
            Assert.That(Convert.ToHexString(written[12..]), Is.EqualTo(Convert.ToHexString(bytes[12..])));
            Assert.That(InternetChecksum.Compute(written), Is.Zero, "the checksum is computed for the bytes written");
        }
    }
}
