using System.Text.Encodings.Web;

namespace NetCourse.Tests.Layers;

public class HexDumpTests
{
    [Test]
    public void Each_Byte_Belongs_To_Its_Part()
    {
        var dump = new HexDump(new byte[20], ("head", 4), ("body", 16));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dump.PartOf(3), Is.EqualTo("head"));
            Assert.That(dump.PartOf(4), Is.EqualTo("body"));
        }
    }

    [Test]
    public void Text_Has_One_Line_Per_16_Bytes_With_Ascii()
    {
        var lines = new HexDump("GET / HTTP/1.1\r\nHost: x"u8.ToArray(), ("request", 23)).ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(lines, Has.Length.EqualTo(2));
            Assert.That(lines[0], Does.StartWith("0000  47 45 54 20").And.Contain("GET / HTTP/1.1.."));
            Assert.That(lines[1], Does.StartWith("0010  "));
        }
    }

    [Test]
    public void Html_Colours_Every_Byte_And_Names_Each_Part()
    {
        var writer = new StringWriter();

        Frame.Encapsulate("hi").HexDump().WriteTo(writer, HtmlEncoder.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(writer.ToString(), Does.Contain("Ethernet II (14 bytes)").And.Contain("IPv4 (20 bytes)").And.Contain("TCP (20 bytes)").And.Contain("payload (2 bytes)"));
            Assert.That(writer.ToString().Split("<span style=\"background:").Length - 1, Is.EqualTo(4 + 56));
        }
    }

    [Test]
    public void Lengths_That_Do_Not_Cover_The_Bytes_Are_Rejected() =>
        Assert.That(() => new HexDump(new byte[10], ("a", 4)), Throws.ArgumentException.With.Message.Contains("add up to 4 but there are 10"));
}
