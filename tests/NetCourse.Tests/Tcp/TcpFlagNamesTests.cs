
namespace NetCourse.Tests.Tcp;

public class TcpFlagNamesTests
{
    [TestCase(TcpControlBits.None, "none")]
    [TestCase(TcpControlBits.Syn | TcpControlBits.Ack, "SYN-ACK")]
    [TestCase(TcpControlBits.Fin | TcpControlBits.Ack, "FIN-ACK")]
    [TestCase(TcpControlBits.Psh | TcpControlBits.Ack, "PSH-ACK")]
    [TestCase(TcpControlBits.Fin | TcpControlBits.Syn, "FIN-SYN")]
    [TestCase(TcpControlBits.Syn | TcpControlBits.Ece | TcpControlBits.Cwr, "SYN-ECE-CWR")]
    public void Flag_Names_Are_Joined_With_A_Hyphen_In_Bit_Order(TcpControlBits flags, string expected) =>
        Assert.That(TcpFlagNames.Of(flags), Is.EqualTo(expected));
}
