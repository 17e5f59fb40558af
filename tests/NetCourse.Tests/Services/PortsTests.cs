
namespace NetCourse.Tests.Services;

public class PortsTests
{
    [TestCase(0, PortRange.System)]
    [TestCase(22, PortRange.System)]
    [TestCase(1023, PortRange.System)]
    [TestCase(1024, PortRange.User)]
    [TestCase(3306, PortRange.User)]
    [TestCase(49151, PortRange.User)]
    [TestCase(49152, PortRange.Dynamic)]
    [TestCase(65535, PortRange.Dynamic)]
    public void Port_Falls_In_Its_Iana_Range(int port, PortRange range) => Assert.That(Ports.Classify(port), Is.EqualTo(range));

    [TestCase(70000)]
    [TestCase(-1)]
    [TestCase(65536)]
    public void Port_Outside_16_Bits_Is_Rejected_Naming_It(int port) =>
        Assert.That(() => Ports.Classify(port), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains($"Port {port} is outside 0-65535."));

    [Test]
    public void Ephemeral_Range_Is_A_Valid_Port_Range()
    {
        var (first, last, source) = Ports.EphemeralRange();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first, Is.InRange(1024, 65535));
            Assert.That(last, Is.InRange(first, 65535));
            Assert.That(source, Is.Not.Empty);
        }
    }

    [Test]
    public void Port_Zero_Gets_A_Free_Port_From_The_System() => Assert.That(Ports.PickFree(), Is.InRange(1, 65535));
}
