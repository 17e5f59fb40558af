using NetCourse.Course.Running;

namespace NetCourse.Notebooks.Tests.Lessons;

[TestFixture, NonParallelizable] // notebooks share the machine's two cores
public class LayeringAndEncapsulationLessonTests
{
    private NotebookRun _run = null!;

    [OneTimeSetUp]
    public async Task RunLesson() => _run = await CourseNotebooks.RunAsync("03-layering-and-encapsulation.ipynb", passes: 2);

    [Test]
    public void Runs_Twice_In_One_Kernel_Without_Errors() => Assert.That(_run.Succeeded, Is.True, _run.FailureMessage);

    [Test]
    public void Hex_Dump_Colours_Four_Layers()
    {
        var html = _run.CellContaining("frame.HexDump()").ReturnValue?["text/html"] ?? "";

        Assert.That(html, Does.Contain("Ethernet II (14 bytes)").And.Contain("IPv4 (20 bytes)").And.Contain("TCP (20 bytes)").And.Contain("payload (33 bytes)"));
    }

    [Test]
    public void Decoded_Ipv4_Header_Shows_Tcp_And_Total_Length_With_Valid_Checksum() =>
        Assert.That(_run.CellContaining("frame.Layer(\"IPv4\")").DisplayedText,
            Does.Contain("6 = TCP").And.Contain("73 bytes").And.Contain("valid").And.Not.Contain("INVALID"));

    [Test]
    public void Decoded_Tcp_Header_Shows_Ports_And_Valid_Checksum() =>
        Assert.That(_run.CellContaining("frame.Layer(\"TCP\")").DisplayedText,
            Does.Contain("49152").And.Contain(">80<").And.Contain("valid (covers a pseudo-header").And.Not.Contain("INVALID"));

    [Test]
    public void Decapsulation_Gives_Back_The_Payload() =>
        Assert.That(_run.CellContaining("Frame.Parse(frame.Bytes)").DisplayedText, Does.Contain("True").And.Contain("GET / HTTP/1.1"));

    [Test]
    public void Flipped_Bit_Fails_The_Checksum() =>
        Assert.That(_run.CellContaining("damaged[^5] ^= 0x01").ReturnValue?.PlainText, Is.EqualTo("False"));

    [Test]
    public void Textbook_Header_Checksum_b861_Verifies() =>
        Assert.That(_run.CellContaining("Ipv4Header.ParseHex").DisplayedText,
            Does.Contain("0xb861 (valid)").And.Contain("17 = UDP").And.Contain("115 bytes").And.Contain("192.168.0.199"));

    [TestCase("03.1", "3 / 3 points")]
    [TestCase("03.2", "3 / 3 points")]
    public void Reference_Solution_Scores_Full_Points(string exercise, string score) =>
        Assert.That(_run.CellContaining($"new Exercise(\"{exercise}\"").DisplayedText, Does.Contain(score));
}
