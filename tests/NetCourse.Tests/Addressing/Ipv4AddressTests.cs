
namespace NetCourse.Tests.Addressing;

public class Ipv4AddressTests
{
    [TestCase("192.168.1.77", new byte[] { 192, 168, 1, 77 }, 3232235853u)]
    [TestCase("0.0.0.0", new byte[] { 0, 0, 0, 0 }, 0u)]
    [TestCase("255.255.255.255", new byte[] { 255, 255, 255, 255 }, 4294967295u)]
    public void Address_Converts_To_Bytes_And_Number_And_Back(string dotted, byte[] bytes, uint number)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Ipv4Address.ToBytes(dotted), Is.EqualTo(bytes));
            Assert.That(Ipv4Address.ToUInt32(dotted), Is.EqualTo(number));
            Assert.That(Ipv4Address.FromBytes(bytes), Is.EqualTo(dotted));
            Assert.That(Ipv4Address.FromUInt32(number), Is.EqualTo(dotted));
        }
    }

    [TestCase("1.2.3", "four numbers")]
    [TestCase("256.1.1.1", "256 is larger than 255")]
    [TestCase("010.0.0.1", "part '010'")]
    [TestCase("1.2.3.x", "part 'x'")]
    [TestCase("1..2.3", "part ''")]
    public void Malformed_Address_Is_Rejected_Naming_The_Value(string text, string message) =>
        Assert.That(() => Ipv4Address.ToBytes(text), Throws.ArgumentException.With.Message.Contains(text).And.Message.Contains(message));

    [Test]
    public void Bytes_Of_Wrong_Length_Are_Rejected() =>
        Assert.That(() => Ipv4Address.FromBytes(new byte[5]), Throws.ArgumentException.With.Message.Contains("not 5"));

    [Test]
    public void Binary_Groups_Eight_Bits() => Assert.That(Ipv4Address.ToBinary("10.0.0.1"), Is.EqualTo("00001010.00000000.00000000.00000001"));
}
