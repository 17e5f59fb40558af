
namespace NetCourse.Tests.Addressing;

public class Ipv4PrefixTests
{
    [TestCase("192.168.1.77/26", "192.168.1.64", "192.168.1.65", "192.168.1.126", "192.168.1.127", 62)]
    [TestCase("192.168.1.77/24", "192.168.1.0", "192.168.1.1", "192.168.1.254", "192.168.1.255", 254)]
    [TestCase("10.1.1.100/27", "10.1.1.96", "10.1.1.97", "10.1.1.126", "10.1.1.127", 30)]
    [TestCase("172.16.5.4/12", "172.16.0.0", "172.16.0.1", "172.31.255.254", "172.31.255.255", 1048574)]
    [TestCase("8.8.8.8/0", "0.0.0.0", "0.0.0.1", "255.255.255.254", "255.255.255.255", 4294967294)]
    public void Block_Addresses_Follow_From_The_Prefix(string cidr, string network, string first, string last, string broadcast, long hosts)
    {
        var prefix = Ipv4Prefix.Parse(cidr);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(prefix.Network, Is.EqualTo(network));
            Assert.That(prefix.FirstHost, Is.EqualTo(first));
            Assert.That(prefix.LastHost, Is.EqualTo(last));
            Assert.That(prefix.Broadcast, Is.EqualTo(broadcast));
            Assert.That(prefix.HostCount, Is.EqualTo(hosts));
        }
    }

    [Test]
    public void Broadcast_Of_Slash26_Is_Last_Address_In_Block() =>
        Assert.That(Ipv4Prefix.Parse("192.168.1.77/26").Broadcast, Is.EqualTo("192.168.1.127"));

    [TestCase("192.168.1.77/31", "192.168.1.76", "192.168.1.77", 2)]
    [TestCase("192.168.1.77/32", "192.168.1.77", "192.168.1.77", 1)]
    public void Slash31_And_Slash32_Have_No_Broadcast(string cidr, string first, string last, long hosts)
    {
        var prefix = Ipv4Prefix.Parse(cidr);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(prefix.Broadcast, Is.Null);
            Assert.That(prefix.FirstHost, Is.EqualTo(first));
            Assert.That(prefix.LastHost, Is.EqualTo(last));
            Assert.That(prefix.HostCount, Is.EqualTo(hosts));
        }
    }

    [TestCase("192.168.1.77/26", "192.168.1.100", true)]
    [TestCase("192.168.1.77/26", "192.168.1.128", false)]
    [TestCase("10.0.0.0/8", "10.255.0.1", true)]
    public void Contains_Tests_Membership(string cidr, string address, bool expected) =>
        Assert.That(Ipv4Prefix.Parse(cidr).Contains(address), Is.EqualTo(expected));

    [TestCase("192.168.1.77", "no prefix length")]
    [TestCase("192.168.1.77/33", "Prefix length '33'")]
    [TestCase("192.168.1.77/-1", "Prefix length '-1'")]
    [TestCase("192.168.1/24", "'192.168.1' is not an IPv4 address")]
    public void Malformed_Prefix_Is_Rejected_Naming_The_Value(string cidr, string message) =>
        Assert.That(() => Ipv4Prefix.Parse(cidr), Throws.ArgumentException.With.Message.Contains(message));

    [Test]
    public void Table_Shows_Every_Address_In_Binary() =>
        Assert.That(Ipv4Prefix.Parse("192.168.1.77/26").ToTable().ToString(), Does.Contain("11000000.10101000.00000001.01111111"));

    [TestCase("192.168.1.77/26", "192.168.1.77/26: 62 host addresses")]
    [TestCase("192.168.1.77/32", "192.168.1.77/32: 1 host address")]
    public void Caption_Counts_Host_Addresses_In_Words(string cidr, string caption) =>
        Assert.That(Ipv4Prefix.Parse(cidr).ToTable().Caption, Is.EqualTo(caption));
}
