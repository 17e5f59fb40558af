
namespace NetCourse.Tests.Services;

public class ServiceDirectoryTests
{
    [TestCase("ssh", 22)]
    [TestCase("http", 80)]
    [TestCase("mysql", 3306)]
    [TestCase("postgresql", 5432)]
    public void Well_Known_Services_Resolve_To_Their_Ports(string name, int port) =>
        Assert.That(ServiceDirectory.System.Lookup(name).Port, Is.EqualTo(port));

    [Test]
    public void Without_A_Services_File_The_Built_In_Table_Answers()
    {
        var directory = ServiceDirectory.Load(Path.Combine(Path.GetTempPath(), "no-such-services-file"));
        var ssh = directory.Lookup("ssh");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ssh.Port, Is.EqualTo(22));
            Assert.That(ssh.Source, Is.EqualTo(ServiceDirectory.BuiltIn));
            Assert.That(directory.Lookup("mysql").Port, Is.EqualTo(3306));
        }
    }

    [Test]
    public void Services_File_Entries_Win_Over_The_Built_In_Table()
    {
        var file = Path.GetTempFileName();
        File.WriteAllLines(file, ["# test", "ssh 2222/tcp secure-shell", "", "mything 7777/udp"]);
        try
        {
            var directory = ServiceDirectory.Load(file);

            using (Assert.EnterMultipleScope())
            {
                Assert.That(directory.Lookup("ssh").Port, Is.EqualTo(2222));
                Assert.That(directory.Lookup("secure-shell").Port, Is.EqualTo(2222));
                Assert.That(directory.Lookup("mything", "udp").Source, Is.EqualTo(file));
                Assert.That(directory.Lookup("http").Source, Is.EqualTo(ServiceDirectory.BuiltIn));
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestCase("mysql\t\t3306/tcp\t# MySQL", "mysql", 3306, "tcp")]
    [TestCase("domain 53/udp", "domain", 53, "udp")]
    public void Services_Line_Is_Parsed(string line, string name, int port, string protocol) =>
        Assert.That(ServiceDirectory.ParseLine(line).First(), Is.EqualTo(new ServiceEntry(name, port, protocol, "services file")));

    [TestCase("")]
    [TestCase("   # comment only")]
    public void Blank_And_Comment_Lines_Give_Nothing(string line) => Assert.That(ServiceDirectory.ParseLine(line), Is.Empty);

    [Test]
    public void Malformed_Line_Is_Rejected_Naming_It() =>
        Assert.That(() => ServiceDirectory.ParseLine("broken 99999/tcp").ToList(), Throws.TypeOf<FormatException>().With.Message.Contains("broken 99999/tcp"));

    [Test]
    public void Unknown_Service_Is_Rejected_Naming_It() =>
        Assert.That(() => ServiceDirectory.System.Lookup("no-such-service"), Throws.ArgumentException.With.Message.Contains("Unknown service 'no-such-service'"));

    [Test]
    public void Port_443_Is_Https() => Assert.That(ServiceDirectory.System.NameOf(443)?.Name, Is.EqualTo("https"));
}
