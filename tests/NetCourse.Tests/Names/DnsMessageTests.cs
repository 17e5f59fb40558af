using System.Net;

namespace NetCourse.Tests.Names;

public class DnsMessageTests
{
    [Test]
    public void Query_Bytes_Follow_Rfc_1035()
    {
        var query = DnsMessage.Query(0x1234, "course.test");

        Assert.That(Convert.ToHexString(query), Is.EqualTo("123401000001000000000000" + "06636F7572736504746573740000010001"));
    }

    [Test]
    public void An_Answer_Points_Back_To_The_Question_And_Parses_Back()
    {
        var reply = new DnsMessage(7, 0x8580, [new DnsQuestion("course.test", DnsMessage.TypeA)], [DnsRecord.For("course.test", IPAddress.Loopback)], [], []);

        var bytes = reply.Encode();
        var parsed = DnsMessage.Parse(bytes);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(bytes[29..31], Is.EqualTo(new byte[] { 0xC0, 0x0C }), "the answer's name is a pointer to offset 12");
            Assert.That(bytes, Has.Length.EqualTo(29 + 2 + 10 + 4));
            Assert.That(parsed.Answers.Single().Address, Is.EqualTo(IPAddress.Loopback));
            Assert.That(parsed.Answers.Single().Name, Is.EqualTo("course.test"));
            Assert.That(parsed.Authoritative, Is.True);
            Assert.That(parsed.ResponseCode, Is.Zero);
            Assert.That(DnsMessage.Explain(bytes).ToString(), Does.Contain("course.test (pointer to offset 12)"));
            Assert.That(DnsMessage.Parse(reply.Encode(compress: false)).Answers.Single().Name, Is.EqualTo("course.test"));
        }
    }

    [Test]
    public void A_Suffix_Is_Compressed_Too()
    {
        var reply = new DnsMessage(7, 0x8580, [new DnsQuestion("course.test", DnsMessage.TypeA)], [DnsRecord.For("www.course.test", IPAddress.Loopback)], [], []);

        var bytes = reply.Encode();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(bytes[29..35], Is.EqualTo(new byte[] { 3, (byte)'w', (byte)'w', (byte)'w', 0xC0, 0x0C }));
            Assert.That(DnsMessage.Parse(bytes).Answers[0].Name, Is.EqualTo("www.course.test"));
            Assert.That(DnsMessage.Explain(bytes).ToString(), Does.Contain("www.course.test (labels then pointer to offset 12)"));
        }
    }

    [TestCase("", "12-byte header")]
    [TestCase("1234010000010000000000", "12-byte header")]
    [TestCase("123401000001000000000000" + "06636F757273", "ends at 18")]
    [TestCase("123401000001000000000000" + "C00C00010001", "not before offset 12")]
    [TestCase("123401000001000000000000" + "40", "reserved bits")]
    [TestCase("123401000001000000000000" + "0000010001" + "FF", "1 bytes after its last record")]
    [TestCase("123481800001000100000000" + "0000010001" + "C00C0001000100000000000501020304FF", "needs 4")]
    public void Malformed_Messages_Are_Rejected_Naming_Where(string hex, string says) =>
        Assert.That(() => DnsMessage.Parse(Convert.FromHexString(hex)), Throws.InstanceOf<FormatException>().With.Message.Contain(says));

    [Test]
    public void A_Pointer_Loop_Is_Rejected_Not_Followed()
    {
        // question name at 12: "a" then a pointer to 12 itself; the answer name: a pointer to 12.
        var loop = Convert.FromHexString("123481800001000000000000" + "0161C00C00010001");
        var twoStep = Convert.FromHexString("123481800001000000000000" + "0161C00E" + "0162C00C00010001");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => DnsMessage.Parse(loop), Throws.InstanceOf<FormatException>().With.Message.Contain("loop"));
            Assert.That(() => DnsMessage.Parse(twoStep), Throws.InstanceOf<FormatException>().With.Message.Contain("loop"));
        }
    }

    [TestCase("a..b")]
    [TestCase("has space.test")]
    public void Bad_Names_Are_Rejected_By_Value(string name) =>
        Assert.That(() => DnsMessage.Query(1, name), Throws.ArgumentException.With.Message.Contain($"'{name}'"));

    [Test]
    public void A_Label_Over_63_Bytes_Is_Rejected() =>
        Assert.That(() => DnsMessage.Query(1, new string('a', 64) + ".test"), Throws.ArgumentException.With.Message.Contain("1-63"));

    [Test]
    public void Random_Bytes_Never_Crash_The_Parser()
    {
        var random = new Random(1035);
        var valid = DnsMessage.Query(9, "www.course.test");
        for (var i = 0; i < 2000; i++)
        {
            var bytes = (byte[])valid.Clone();
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            Array.Resize(ref bytes, random.Next(bytes.Length + 1));
            try
            {
                DnsMessage.Parse(bytes);
            }
            catch (FormatException)
            {
            }
        }

        Assert.Pass("2000 damaged queries parsed or were rejected with FormatException");
    }
}
