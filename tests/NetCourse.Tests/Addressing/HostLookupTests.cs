using System.Net;

namespace NetCourse.Tests.Addressing;

public class HostLookupTests
{
    [Test]
    public void Caption_Says_Address_For_One_And_Addresses_For_Several()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(new HostLookup("localhost", [IPAddress.Loopback]).ToTable().Caption, Is.EqualTo("localhost resolves to 1 address"));
            Assert.That(new HostLookup("localhost", [IPAddress.Loopback, IPAddress.IPv6Loopback]).ToTable().Caption, Is.EqualTo("localhost resolves to 2 addresses"));
        }
    }
}
