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
        while ((line = await reader.ReadAsync()) is not null)
        {
            lines.Add(line);
        }

        Assert.That(lines, Is.EqualTo(new[] { "one", "two", "", "three" }));
    }

    [Test]
    public void Stream_Ending_Mid_Line_Is_Reported() =>
        Assert.That(async () => { var r = new LineReader(new TrickleStream("abc"u8.ToArray(), 2)); await r.ReadAsync(); },
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("3 bytes without"));

    [Test]
    public void Line_Over_The_Limit_Is_Rejected() =>
        Assert.That(async () => await new LineReader(new MemoryStream(new byte[100]), maxLineLength: 10).ReadAsync(),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("longer than 10 bytes"));

    [Test]
    public async Task Length_Prefixed_Frames_Round_Trip_Over_One_Byte_Reads()
    {
        var bytes = new[] { "a", "", "hello" }.SelectMany(m => LengthPrefix.Encode(Encoding.UTF8.GetBytes(m))).ToArray();
        var reader = new LengthPrefixReader(new TrickleStream(bytes, 1));
        var messages = new List<string>();
        while (await reader.ReadAsync() is { } frame)
        {
            messages.Add(Encoding.UTF8.GetString(frame));
        }

        Assert.That(messages, Is.EqualTo(new[] { "a", "", "hello" }));
    }

    [Test]
    public void Length_Prefix_Is_Four_Bytes_Big_Endian() => Assert.That(LengthPrefix.Encode("hi"u8), Is.EqualTo(new byte[] { 0, 0, 0, 2, (byte)'h', (byte)'i' }));

    [Test]
    public void Truncated_Frame_Is_Reported() =>
        Assert.That(() => new LengthPrefixReader(new MemoryStream([0, 0, 0, 5, 1, 2])).ReadAsync(),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("2 of 5 bytes"));

    [Test]
    public void Oversized_Frame_Is_Rejected_Before_Reading_It() =>
        Assert.That(() => new LengthPrefixReader(new MemoryStream([0x7f, 0, 0, 0]), maxFrame: 1024).ReadAsync(),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("outside 0-1024"));

    [TestCase("\n")]
    [TestCase("\r\n")]
    public async Task Every_Framing_Reads_Back_What_Its_Writer_Wrote(string newline)
    {
        string[] messages = ["one", "", "three: ünïcode"];
        var lineBytes = new MemoryStream();
        var frameBytes = new MemoryStream();
        await WriteAllAsync(new LineWriter(lineBytes, newline), messages);
        await WriteAllAsync(new LengthPrefixWriter(frameBytes), messages.Select(Encoding.UTF8.GetBytes));

        var byLine = await ReadAllAsync(new LineReader(new TrickleStream(lineBytes.ToArray(), 2)));
        var byFrame = await ReadAllAsync(new LengthPrefixReader(new TrickleStream(frameBytes.ToArray(), 2)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(byLine, Is.EqualTo(messages));
            Assert.That(byFrame.Select(Encoding.UTF8.GetString), Is.EqualTo(messages));
        }
    }

    [Test]
    public void Line_Writer_Accepts_Only_Lf_Or_Crlf() =>
        Assert.That(() => new LineWriter(new MemoryStream(), "\r"), Throws.ArgumentException.With.Message.Contains("must be"));

    private static async Task WriteAllAsync<T>(IMessageWriter<T> writer, IEnumerable<T> messages)
    {
        foreach (var m in messages)
        {
            await writer.WriteAsync(m);
        }
    }

    private static async Task<List<T>> ReadAllAsync<T>(IMessageReader<T> reader)
        where T : class
    {
        var all = new List<T>();
        while (await reader.ReadAsync() is { } message)
        {
            all.Add(message);
        }

        return all;
    }
}
