
namespace NetCourse.Tests.Layers;

public class EthernetHeaderTests
{
    [Test]
    public void Parse_Of_Built_Header_Gives_It_Back()
    {
        var header = new EthernetHeader("ff:ff:ff:ff:ff:ff", "02:00:5e:10:00:01", 0x0806);

        Assert.That(EthernetHeader.Parse(header.ToBytes()), Is.EqualTo(header));
    }

    [Test]
    public void Frame_Starts_With_An_Ipv4_Ethernet_Header() =>
        Assert.That(EthernetHeader.Parse(Frame.Encapsulate("x").Bytes).EtherType, Is.EqualTo(EthernetHeader.Ipv4));

    [TestCase("02:00:00:00:00")]
    [TestCase("02:00:00:00:00:zz")]
    public void Bad_Mac_Is_Rejected_Naming_It(string mac) =>
        Assert.That(() => new EthernetHeader(mac, "02:00:00:00:00:10", 0x0800).ToBytes(), Throws.ArgumentException.With.Message.Contains(mac));
}
