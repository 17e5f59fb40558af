
namespace NetCourse.Tests.Tcp;

public class SocketKindsTests
{
    [TestCase("Name:\tx\nCapEff:\t000001fffeffffff\n", true)]
    [TestCase("CapEff:\t0000000000002000\n", true)]
    [TestCase("CapEff:\t0000000000001000\n", false)]
    [TestCase("CapEff:\t0000000000000000\n", false)]
    public void CapNetRaw_Is_Bit_13_Of_CapEff(string status, bool expected) => Assert.That(SocketKinds.HasNetRaw(status), Is.EqualTo(expected));

    [Test]
    public void Status_Without_CapEff_Says_Nothing() => Assert.That(SocketKinds.HasNetRaw("Name:\tx\n"), Is.Null);

    [Test]
    public void Probe_Names_The_Family_And_The_Default_Protocol()
    {
        var text = SocketKinds.Probe().ToString();

        Assert.That(text, Does.Contain("InterNetwork (IPv4)").And.Contain("Unix").And.Contain("0 (default for the type)").And.Not.Contain("ProtocolType.IP"));
    }
}
