using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NetCourse.Course;
using NetCourse.Course.Kernels;
using NetCourse.Course.Notebooks;
using NetCourse.Course.Running;

namespace NetCourse.Notebooks.Tests.Grading;

/// <summary>
/// Known-wrong solutions of the value exercises, each run in the kernel with its lesson's own check cell: every one
/// fails at least one PRACTICE case, so a learner sees the mistake before grading. (Socket exercises' wrong solutions
/// are judged in tests/NetCourse.Tests/Grading/SocketJudges.)
/// </summary>
[Category("Slow")]
public partial class KnownWrongSolutionsTests
{
    private static readonly (string Lesson, string Exercise, string Mistake, string Code)[] Wrong =
    [
        ("02", "02.1", "host byte order", "byte[] ToNetworkOrder(uint value) => BitConverter.GetBytes(value);"),
        ("02", "02.2", "no refusal", "string TcpIpLayer(int l) => l switch { 1 or 2 => \"Link\", 3 => \"Internet\", 4 => \"Transport\", _ => \"Application\" };"),
        ("05", "05.1", "no reserved blocks", "string Kind(string a) { var b = Ipv4Address.ToBytes(a); return b[0] == 127 ? \"loopback\" : b[0] == 192 && b[1] == 168 ? \"private\" : \"global\"; }"),
        ("06", "06.1", "last byte dropped", "uint ToNumber(string a) { var p = a.Split('.').Select(uint.Parse).ToArray(); return p[0] << 24 | p[1] << 16 | p[2] << 8; }"),
        ("06", "06.2", "no /0 guard", "string Broadcast(string c) { var p = c.Split('/'); var mask = uint.MaxValue << (32 - int.Parse(p[1])); return Ipv4Address.FromUInt32(Ipv4Address.ToUInt32(p[0]) | ~mask); }"),
        ("07", "07.1", "off by one at 1023", "string Range(int p) => p < 0 || p > 65535 ? \"invalid\" : p < 1023 ? \"system\" : p <= 49151 ? \"user\" : \"dynamic\";"),
        ("07", "07.1", "off by one at 49152", "string Range(int p) => p < 0 || p > 65535 ? \"invalid\" : p <= 1023 ? \"system\" : p <= 49152 ? \"user\" : \"dynamic\";"),
        ("07", "07.2", "comment kept", "int PortOf(string line) { var f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries); return f.Length < 2 ? -1 : int.Parse(f[1].Split('/')[0]); }"),
        ("08", "08.1", "bits in the wrong order", "string Flags(byte bits) { var n = new[] { \"CWR\", \"ECE\", \"URG\", \"ACK\", \"PSH\", \"RST\", \"SYN\", \"FIN\" }; var s = n.Where((_, i) => (bits & (1 << i)) != 0).ToArray(); return s.Length == 0 ? \"none\" : string.Join(\"-\", s); }"),
        ("08", "08.2", "the client always waits", "string StateAfterClose((string ClosesFirst, string Side) q) => q.Side == \"client\" ? \"TIME_WAIT\" : \"CLOSED\";"),
        ("08", "08.2", "bad side accepted", "string StateAfterClose((string ClosesFirst, string Side) q) => q.ClosesFirst == q.Side ? \"TIME_WAIT\" : \"CLOSED\";"),
        ("09", "09.1", "case-insensitive", "byte[]? Reply(byte[] d) => Encoding.UTF8.GetString(d).ToLowerInvariant() switch { \"ping\" => Encoding.UTF8.GetBytes(\"pong\"), \"time?\" => Encoding.UTF8.GetBytes(\"time\"), _ => null };"),
        ("10", "10.1", "SOCK_RAW missing", "SocketType ToDotNet(string n) => n switch { \"SOCK_STREAM\" => SocketType.Stream, \"SOCK_DGRAM\" => SocketType.Dgram, \"SOCK_SEQPACKET\" => SocketType.Seqpacket, _ => throw new ArgumentException(n) };"),
        ("14", "14.1", "not sorted", "double Percentile((double[] Samples, double Percent) q) => q.Samples[Math.Max((int)Math.Ceiling(q.Percent * q.Samples.Length / 100), 1) - 1];"),
    ];

    private NotebookRun _run = null!;
    private PlainLauncher _course = null!;

    [OneTimeSetUp]
    public async Task RunEveryWrongSolutionWithItsCheckCell()
    {
        var paths = CourseNotebooks.Paths;
        await CoursePreparation.EnsureReadyAsync(paths);
        _course = new PlainLauncher(paths.Library); // a fresh course folder: notebooks/ with the setup script at lib/netcourse.csx

        var first = Notebook.Load(CoursePaths.Select(paths.Notebooks, ["02"])[0]);
        var cells = new JsonArray { first.CodeCells.First(c => c.Role == "setup").Json.DeepClone() };
        for (var i = 0; i < Wrong.Length; i++)
        {
            var (lesson, exercise, _, code) = Wrong[i];
            var check = Notebook.Load(CoursePaths.Select(paths.Notebooks, [lesson])[0]).CodeCells.First(c => c.Role == "check" && c.Exercise == exercise);
            cells.Add(new JsonObject { ["cell_type"] = "code", ["id"] = $"wrong-{i}", ["metadata"] = new JsonObject(), ["outputs"] = new JsonArray(), ["execution_count"] = null, ["source"] = code });
            var checkCell = check.Json.DeepClone();
            checkCell["id"] = $"check-{i}";
            cells.Add(checkCell);
        }

        var json = first.Json.DeepClone();
        json["cells"] = cells;
        var file = Path.Combine(_course.WorkingDirectory.FullName, "wrong-solutions.ipynb");
        File.WriteAllText(file, json.ToJsonString());
        _run = await CourseNotebooks.RunFileAsync(file, new RunOptions { CellTimeout = CourseNotebooks.CellTimeout, Launcher = _course });
        Assert.That(_run.Succeeded, Is.True, _run.FailureMessage);
    }

    [OneTimeTearDown]
    public async Task Clean()
    {
        if (_course is not null)
        {
            await _course.DisposeAsync();
        }
    }

    private static IEnumerable<TestCaseData> Cases() =>
        Wrong.Select((w, i) => new TestCaseData(i).SetName($"{w.Exercise} {w.Mistake} fails a practice case"));

    [TestCaseSource(nameof(Cases))]
    public void A_Known_Wrong_Solution_Fails_A_Practice_Case(int index)
    {
        var text = _run.Cell($"check-{index}").ReturnValue?.PlainText ?? "";
        var practice = Practice().Match(text);

        Assert.That(practice.Success, Is.True, $"the check cell said: {text}");
        Assert.That(int.Parse(practice.Groups[1].Value), Is.LessThan(int.Parse(practice.Groups[2].Value)), text);
    }

    [GeneratedRegex(@"practice: (\d+) of (\d+) cases passed")]
    private static partial Regex Practice();
}
