
namespace NetCourse.Tests.Layers;

public class TcpHeaderTests
{
    [TestCase(49152, 80, 1000u, 5000u, TcpControlBits.Psh | TcpControlBits.Ack, 64240)]
    [TestCase(0, 65535, uint.MaxValue, 0u, TcpControlBits.Syn, 0)]
    [TestCase(22, 50000, 1u, 2u, TcpControlBits.Fin | TcpControlBits.Ack, 65535)]
    public void Parse_Of_Built_Header_Gives_It_Back(int source, int destination, uint sequence, uint ack, TcpControlBits flags, int window)
    {
        var header = TcpHeader.For(source, destination, sequence, ack, flags, window);

        Assert.That(TcpHeader.Parse(header.ToBytes()), Is.EqualTo(header));
    }

    [Test]
    public void Segment_Checksum_Verifies_To_Zero_Over_The_Pseudo_Header()
    {
        var segment = TcpHeader.For(49152, 80, 1, 0, TcpControlBits.Syn).Segment("192.0.2.1", "192.0.2.2", "hello"u8);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(TcpHeader.ComputeChecksum("192.0.2.1", "192.0.2.2", segment), Is.Zero);
            Assert.That(TcpHeader.ComputeChecksum("192.0.2.1", "192.0.2.3", segment), Is.Not.Zero, "the addresses are covered too");
            Assert.That(TcpHeader.Parse(segment).Checksum, Is.Not.Zero);
        }
    }

    [Test]
    public void Port_Outside_Range_Is_Rejected_Naming_It() =>
        Assert.That(() => TcpHeader.For(70000, 80, 0, 0, TcpControlBits.Syn), Throws.InstanceOf<ArgumentException>().With.Message.Contains("70000"));

    [Test]
    public void Short_Segment_Is_Rejected_Naming_Its_Length() =>
        Assert.That(() => TcpHeader.Parse(new byte[12]), Throws.ArgumentException.With.Message.Contains("12 bytes"));
}
