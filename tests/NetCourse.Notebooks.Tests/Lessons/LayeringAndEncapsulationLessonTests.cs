namespace NetCourse.Notebooks.Tests.Lessons;

public class LayeringAndEncapsulationLessonTests() : LessonFixture("03-layering-and-encapsulation.ipynb")
{
    [Test]
    public void Hex_Dump_Colours_Four_Layers()
    {
        var html = Run.Cell("frame-hex-dump").ReturnValue?["text/html"] ?? "";

        Assert.That(html, Does.Contain("Ethernet II (14 bytes)").And.Contain("IPv4 (20 bytes)").And.Contain("TCP (20 bytes)").And.Contain("payload (33 bytes)"));
    }

    [Test]
    public void Decoded_Ipv4_Header_Shows_Tcp_And_Total_Length_With_Valid_Checksum() =>
        Assert.That(Run.Cell("frame-ipv4-layer").DisplayedText,
            Does.Contain("6 = TCP").And.Contain("73 bytes").And.Contain("valid").And.Not.Contain("INVALID"));

    [Test]
    public void Decoded_Tcp_Header_Shows_Ports_And_Valid_Checksum() =>
        Assert.That(Run.Cell("frame-tcp-layer").DisplayedText,
            Does.Contain("49152").And.Contain(">80<").And.Contain("0x18 = PSH-ACK").And.Contain("IP addresses, protocol number, TCP length").And.Not.Contain("INVALID"));

    [Test]
    public void Decapsulation_Gives_Back_The_Payload() =>
        Assert.That(Run.Cell("frame-received").DisplayedText, Does.Contain("True").And.Contain("GET / HTTP/1.1"));

    [Test]
    public void Flipped_Bit_Fails_The_Checksum() =>
        Assert.That(Run.Cell("frame-damaged").ReturnValue?["text/html"] ?? "",
            Does.Match("as sent</td><td[^>]*>True<").And.Match("one payload bit flipped</td><td[^>]*>False<"));

    [Test]
    public void Textbook_Header_Checksum_b861_Verifies() =>
        Assert.That(Run.Cell("ipv4-header-parsed").DisplayedText,
            Does.Contain("0xb861 (valid)").And.Contain("17 = UDP").And.Contain("115 bytes").And.Contain("192.168.0.199"));

    [Test]
    public void Each_Header_Names_The_Next_Layer() =>
        Assert.That(Shown("ethernet-header"),
            Does.Contain("EtherType 0x0800 = IPv4").And.Contain("6 = TCP").And.Contain("port 80 (HTTP)").And.Contain(">33<"));
}
