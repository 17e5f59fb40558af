namespace NetCourse.Notebooks.Tests.Lessons;

public class LayeringAndEncapsulationLessonTests() : LessonFixture("03-layering-and-encapsulation.ipynb")
{
    [Test]
    public void Hex_Dump_Colours_Four_Layers()
    {
        Assert.That(Value("frame-hex-dump"), Does.Contain("Ethernet II (14 bytes)").And.Contain("IPv4 (20 bytes)").And.Contain("TCP (20 bytes)").And.Contain("payload (33 bytes)"));
    }

    [Test]
    public void Decoded_Ipv4_Header_Shows_Tcp_And_Total_Length_With_Valid_Checksum() =>
        Assert.That(Value("frame-ipv4-layer"),
            Does.Contain("6 = TCP").And.Contain("73 bytes").And.Contain("valid").And.Not.Contain("INVALID"));

    [Test]
    public void Decoded_Tcp_Header_Shows_Ports_And_Valid_Checksum() =>
        Assert.That(ValueRows("frame-tcp-layer").SelectMany(r => r), Has.Some.Contains("49152").And.Some.EqualTo("80").And.Some.Contains("0x18 = PSH-ACK")
            .And.Some.Contains("IP addresses, protocol number, TCP length").And.None.Contains("INVALID"));

    [Test]
    public void Decapsulation_Gives_Back_The_Payload() =>
        Assert.That(Value("frame-received"), Does.Contain("True").And.Contain("GET / HTTP/1.1"));

    [Test]
    public void Flipped_Bit_Fails_The_Checksum() =>
        Assert.That(ValueRows("frame-damaged"), Has.Some.EqualTo(new[] { "as sent", "True" }).And.Some.EqualTo(new[] { "one payload bit flipped", "False" }));

    [Test]
    public void Textbook_Header_Checksum_b861_Verifies() =>
        Assert.That(Value("ipv4-header-parsed"),
            Does.Contain("0xb861 (valid)").And.Contain("17 = UDP").And.Contain("115 bytes").And.Contain("192.168.0.199"));

    [Test]
    public void Each_Header_Names_The_Next_Layer() =>
        Assert.That(ValueRows("ethernet-header").Skip(1), Is.EqualTo(new[]
        {
            new[] { "Ethernet II", "14", "EtherType 0x0800 = IPv4", "73" },
            new[] { "IPv4", "20", "6 = TCP", "53" },
            new[] { "TCP", "20", "port 80 (HTTP)", "33" },
        }));
}
