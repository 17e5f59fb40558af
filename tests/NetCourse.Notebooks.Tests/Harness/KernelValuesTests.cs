using NetCourse.Course.Kernels;

namespace NetCourse.Notebooks.Tests.Harness;

/// <summary>A kernel variable read as JSON: the structured value lesson tests assert on.</summary>
public class KernelValuesTests
{
    [Test, CancelAfter(90_000)]
    public async Task A_Variable_Is_Read_As_Json_And_A_Missing_Or_Malformed_Name_Is_Refused_By_Name(CancellationToken token)
    {
        await using var session = await KernelSession.StartAsync(new DirectoryInfo(Path.GetTempPath()), TimeSpan.FromSeconds(60), cancellationToken: token);
        var defined = await session.RunAsync("var reply = new { Status = 200, Lines = new[] { \"HTTP/1.1 200 OK\", \"Content-Length: 6\" } };", TimeSpan.FromSeconds(20), token);
        Assert.That(defined.Status, Is.EqualTo(CellStatus.Succeeded), defined.Error);

        var reply = await session.ValueAsync("reply", TimeSpan.FromSeconds(20), token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int?)reply?["Status"], Is.EqualTo(200), reply?.ToJsonString());
            Assert.That(reply?["Lines"]?.AsArray().Select(l => (string?)l), Is.EqualTo(new[] { "HTTP/1.1 200 OK", "Content-Length: 6" }));
            Assert.That(async () => await session.ValueAsync("noSuchVariable", TimeSpan.FromSeconds(20), token),
                Throws.TypeOf<KeyNotFoundException>().With.Message.Contains("'noSuchVariable'"));
            Assert.That(async () => await session.ValueAsync("reply; System.Environment.Exit(1)", TimeSpan.FromSeconds(20), token),
                Throws.ArgumentException.With.Message.Contains("'reply; System.Environment.Exit(1)' is not a C# variable name"));
        }
    }
}
