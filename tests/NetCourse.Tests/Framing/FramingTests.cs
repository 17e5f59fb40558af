using System.Text;

namespace NetCourse.Tests.Framing;

public class FramingTests
{
    [TestCase(1)]
    [TestCase(3)]
    [TestCase(1000)]
    public async Task Lines_Are_Recovered_However_The_Bytes_Are_Chunked(int chunk)
    {
        var reader = new LineReader(new TrickleStream(Encoding.UTF8.GetBytes("one\ntwo\r\n\nthree\n"), chunk));
        var lines = new List<string?>();
        string? line;
        while ((line = await reader.ReadLineAsync()) is not null)
        {
            lines.Add(line);
        }

        Assert.That(lines, Is.EqualTo(new[] { "one", "two", "", "three" }));
    }

    [Test]
    public void Stream_Ending_Mid_Line_Is_Reported() =>
        Assert.That(async () => { var r = new LineReader(new TrickleStream("abc"u8.ToArray(), 2)); await r.ReadLineAsync(); },
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("3 bytes without"));

    [Test]
    public void Line_Over_The_Limit_Is_Rejected() =>
        Assert.That(async () => await new LineReader(new MemoryStream(new byte[100]), maxLineLength: 10).ReadLineAsync(),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("longer than 10 bytes"));

    [Test]
    public async Task Length_Prefixed_Frames_Round_Trip_Over_One_Byte_Reads()
    {
        var bytes = new[] { "a", "", "hello" }.SelectMany(m => LengthPrefix.Encode(Encoding.UTF8.GetBytes(m))).ToArray();
        var stream = new TrickleStream(bytes, 1);
        var messages = new List<string>();
        while (await LengthPrefix.ReadFrameAsync(stream) is { } frame)
        {
            messages.Add(Encoding.UTF8.GetString(frame));
        }

        Assert.That(messages, Is.EqualTo(new[] { "a", "", "hello" }));
    }

    [Test]
    public void Length_Prefix_Is_Four_Bytes_Big_Endian() => Assert.That(LengthPrefix.Encode("hi"u8), Is.EqualTo(new byte[] { 0, 0, 0, 2, (byte)'h', (byte)'i' }));

    [Test]
    public void Truncated_Frame_Is_Reported() =>
        Assert.That(() => LengthPrefix.ReadFrameAsync(new MemoryStream([0, 0, 0, 5, 1, 2])),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("2 of 5 bytes"));

    [Test]
    public void Oversized_Frame_Is_Rejected_Before_Reading_It() =>
        Assert.That(() => LengthPrefix.ReadFrameAsync(new MemoryStream([0x7f, 0, 0, 0]), maxFrame: 1024),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("outside 0-1024"));
}
