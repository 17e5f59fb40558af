
namespace NetCourse.Tests.Addressing;

public class AddressClassifierTests
{
    [TestCase("0.0.0.0", AddressKind.Unspecified)]
    [TestCase("127.0.0.1", AddressKind.Loopback)]
    [TestCase("127.255.1.2", AddressKind.Loopback)]
    [TestCase("10.1.2.3", AddressKind.Private)]
    [TestCase("172.16.0.1", AddressKind.Private)]
    [TestCase("172.32.0.1", AddressKind.Global)]
    [TestCase("192.168.1.20", AddressKind.Private)]
    [TestCase("100.64.0.1", AddressKind.SharedCgnat)]
    [TestCase("169.254.10.1", AddressKind.LinkLocal)]
    [TestCase("224.0.0.251", AddressKind.Multicast)]
    [TestCase("255.255.255.255", AddressKind.Broadcast)]
    [TestCase("192.0.2.5", AddressKind.Documentation)]
    [TestCase("8.8.8.8", AddressKind.Global)]
    [TestCase("0.1.2.3", AddressKind.ThisNetwork)]
    [TestCase("0.255.255.255", AddressKind.ThisNetwork)]
    [TestCase("1.0.0.0", AddressKind.Global)]
    [TestCase("100.63.255.255", AddressKind.Global)]
    [TestCase("100.127.255.255", AddressKind.SharedCgnat)]
    [TestCase("100.128.0.0", AddressKind.Global)]
    [TestCase("192.0.0.0", AddressKind.ProtocolAssignments)]
    [TestCase("192.0.0.8", AddressKind.ProtocolAssignments)]
    [TestCase("192.0.0.9", AddressKind.Global)] // PCP anycast (RFC 7723): globally reachable in the registry
    [TestCase("192.0.0.10", AddressKind.Global)] // TURN anycast (RFC 8155)
    [TestCase("192.0.0.255", AddressKind.ProtocolAssignments)]
    [TestCase("192.0.1.0", AddressKind.Global)]
    [TestCase("192.0.2.255", AddressKind.Documentation)]
    [TestCase("198.17.255.255", AddressKind.Global)]
    [TestCase("198.18.0.0", AddressKind.Benchmarking)]
    [TestCase("198.19.255.255", AddressKind.Benchmarking)]
    [TestCase("198.20.0.0", AddressKind.Global)]
    [TestCase("198.51.100.7", AddressKind.Documentation)]
    [TestCase("203.0.113.200", AddressKind.Documentation)]
    [TestCase("203.0.114.1", AddressKind.Global)]
    [TestCase("239.255.255.255", AddressKind.Multicast)]
    [TestCase("240.0.0.0", AddressKind.Reserved)]
    [TestCase("255.255.255.254", AddressKind.Reserved)]
    [TestCase("223.255.255.255", AddressKind.Global)]
    [TestCase("::", AddressKind.Unspecified)]
    [TestCase("::1", AddressKind.Loopback)]
    [TestCase("fe80::1", AddressKind.LinkLocal)]
    [TestCase("ff02::1", AddressKind.Multicast)]
    [TestCase("fd00::2", AddressKind.UniqueLocal)]
    [TestCase("2001:db8::1", AddressKind.Documentation)]
    [TestCase("2606:4700::1111", AddressKind.Global)]
    [TestCase("::ffff:127.0.0.1", AddressKind.Loopback)]
    public void Address_Is_Classified_By_Its_Block(string address, AddressKind kind) =>
        Assert.That(AddressClassifier.Classify(address), Is.EqualTo(kind));

    [Test]
    public void Text_That_Is_Not_An_Address_Is_Rejected() =>
        Assert.That(() => AddressClassifier.Classify("local host"), Throws.ArgumentException.With.Message.Contains("'local host'"));
}
