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
    /// <summary>Cells of a lesson (by id) that its check cells rely on, run once before its wrong solutions.</summary>
    private static readonly Dictionary<string, string[]> Given = new() { ["03"] = ["frame-hex-dump"] };

    private static readonly WrongSolution[] Wrong =
    [
        Edited("01", "01.1", "a reversed link counted again", ("seen.Add((Math.Min(a, b), Math.Max(a, b)))", "seen.Add((a, b))")),
        Edited("01", "01.1", "a link to itself counted", ("a != b && ", "")),
        Edited("01", "01.1", "array one short", ("links.Max(l => Math.Max(l.A, l.B)) + 1", "links.Max(l => Math.Max(l.A, l.B))")),
        Edited("01", "01.1", "one slot per distinct node", ("links.Length == 0 ? 0 : links.Max(l => Math.Max(l.A, l.B)) + 1", "links.SelectMany(l => new[] { l.A, l.B }).Distinct().Count()")),
        Edited("01", "01.2", "links one way only", ("neighbours[a].Add(b); neighbours[b].Add(a);", "neighbours[a].Add(b);")),
        Edited("01", "01.2", "array ignores the start", ("Math.Max(start + 1, links.Length == 0 ? 0 : links.Max(l => Math.Max(l.A, l.B)) + 1)", "links.Length == 0 ? start + 1 : links.Max(l => Math.Max(l.A, l.B)) + 1")),
        Edited("01", "01.2", "a stack instead of a queue", ("new Queue<int>([start])", "new Stack<int>([start])"), ("queue.TryDequeue(", "queue.TryPop("), ("queue.Enqueue(", "queue.Push(")),
        Written("01", "01.2", "unreachable left at 0", """
            int[] Hops(((int A, int B)[] Links, int Start) input)
            {
                var (links, start) = input;
                var size = Math.Max(start + 1, links.Length == 0 ? 0 : links.Max(l => Math.Max(l.A, l.B)) + 1);
                var distance = new int[size];
                var seen = new bool[size];
                seen[start] = true;
                var queue = new Queue<int>([start]);
                while (queue.TryDequeue(out var node))
                    foreach (var (a, b) in links)
                    {
                        var next = a == node ? b : b == node ? a : -1;
                        if (next >= 0 && !seen[next]) { seen[next] = true; distance[next] = distance[node] + 1; queue.Enqueue(next); }
                    }
                return distance;
            }
            """),
        Written("02", "02.1", "host byte order", "byte[] ToNetworkOrder(uint value) => BitConverter.GetBytes(value);"),
        Written("02", "02.1", "least significant byte first", "byte[] ToNetworkOrder(uint value) => new[] { (byte)value, (byte)(value >> 8), (byte)(value >> 16), (byte)(value >> 24) };"),
        Written("02", "02.1", "a shift by 32, which a uint counts modulo 32", "byte[] ToNetworkOrder(uint value) => new[] { (byte)(value >> 32), (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8) };"),
        Written("02", "02.1", "masked but not shifted", "byte[] ToNetworkOrder(uint value) => new[] { (byte)(value & 0xFF000000), (byte)(value & 0xFF0000), (byte)(value & 0xFF00), (byte)value };"),
        Written("02", "02.2", "no refusal", "string TcpIpLayer(int l) => l switch { 1 or 2 => \"Link\", 3 => \"Internet\", 4 => \"Transport\", _ => \"Application\" };"),
        Edited("02", "02.2", "the session layer as transport", ("4 => \"Transport\",", "4 or 5 => \"Transport\","), (">= 5 and <= 7", ">= 6 and <= 7")),
        Edited("02", "02.2", "no lower bound", ("1 or 2 => \"Link\"", "<= 2 => \"Link\"")),
        Edited("02", "02.2", "a refusal that does not name the number", ("throw new ArgumentOutOfRangeException(nameof(osiLayer), osiLayer, $\"OSI layer {osiLayer} does not exist: use 1 to 7.\")", "throw new ArgumentOutOfRangeException(nameof(osiLayer))")),
        Edited("03", "03.1", "odd last byte dropped", ("i < data.Length; i += 2", "i + 1 < data.Length; i += 2")),
        Edited("03", "03.1", "odd last byte added as a low byte", ("(uint)(data[i] << 8 | (i + 1 < data.Length ? data[i + 1] : 0))", "(uint)(i + 1 < data.Length ? data[i] << 8 | data[i + 1] : data[i])")),
        Edited("03", "03.1", "carry folded once", ("while (sum >> 16 != 0)", "if (sum >> 16 != 0)")),
        Edited("03", "03.1", "carry not folded", ("while (sum >> 16 != 0)\n        sum = (sum & 0xFFFF) + (sum >> 16);", "")),
        Edited("03", "03.1", "little-endian words", ("data[i] << 8 | (i + 1 < data.Length ? data[i + 1] : 0)", "data[i] | (i + 1 < data.Length ? data[i + 1] << 8 : 0)")),
        Edited("03", "03.2", "total length little-endian", ("return (header[2] << 8 | header[3]", "return (header[3] << 8 | header[2]")),
        Edited("03", "03.2", "bytes counted from 1", ("header[8], header[9]", "header[7], header[8]")),
        Edited("03", "03.2", "range end taken as inclusive", ("header[12..16]", "header[12..15]"), ("header[16..20]", "header[16..19]")),
        Edited("03", "03.2", "no length check", ("if (header.Length < 20) throw new ArgumentException($\"{header.Length} bytes is too short for an IPv4 header (20).\");", "")),
        Edited("03", "03.2", "only exactly 20 bytes accepted", ("header.Length < 20", "header.Length != 20")),
        Written("05", "05.1", "no reserved blocks", "string Kind(string a) { var b = Ipv4Address.ToBytes(a); return b[0] == 127 ? \"loopback\" : b[0] == 192 && b[1] == 168 ? \"private\" : \"global\"; }"),
        Edited("05", "05.1", "100.64.0.0/10 read as a /16", ("b[1] >= 64 && b[1] <= 127", "b[1] == 64")),
        Edited("05", "05.1", "172.16.0.0/12 read as a /16", ("b[1] >= 16 && b[1] <= 31", "b[1] == 16")),
        Edited("05", "05.1", "192.0.0.9 and 192.0.0.10 not taken out of their block", ("if (b[0] == 192 && b[1] == 0 && b[2] == 0 && (b[3] == 9 || b[3] == 10)) return \"global\";", "")),
        Written("06", "06.1", "last byte dropped", "uint ToNumber(string a) { var p = a.Split('.').Select(uint.Parse).ToArray(); return p[0] << 24 | p[1] << 16 | p[2] << 8; }"),
        Written("06", "06.1", "first part in the low bits", "uint ToNumber(string a) { var p = a.Split('.').Select(uint.Parse).ToArray(); return p[3] << 24 | p[2] << 16 | p[1] << 8 | p[0]; }"),
        Written("06", "06.1", "a sum of shifts where + binds tighter than <<", "uint ToNumber(string a) { var p = a.Split('.').Select(int.Parse).ToArray(); return (uint)(p[0] << 24 + p[1] << 16 + p[2] << 8 + p[3]); }"),
        Written("06", "06.2", "no /0 guard", "string Broadcast(string c) { var p = c.Split('/'); var mask = uint.MaxValue << (32 - int.Parse(p[1])); return Ipv4Address.FromUInt32(Ipv4Address.ToUInt32(p[0]) | ~mask); }"),
        Written("06", "06.2", "host bits by a right shift with no /32 guard", "string Broadcast(string c) { var p = c.Split('/'); return Ipv4Address.FromUInt32(Ipv4Address.ToUInt32(p[0]) | uint.MaxValue >> int.Parse(p[1])); }"),
        Edited("06", "06.2", "mask off by one bit", ("uint.MaxValue << (32 - length)", "uint.MaxValue << (31 - length)")),
        Edited("06", "06.2", "network address instead", ("| ~mask", "& mask")),
        Written("07", "07.1", "off by one at 1023", "string Range(int p) => p < 0 || p > 65535 ? \"invalid\" : p < 1023 ? \"system\" : p <= 49151 ? \"user\" : \"dynamic\";"),
        Written("07", "07.1", "off by one at 49152", "string Range(int p) => p < 0 || p > 65535 ? \"invalid\" : p <= 1023 ? \"system\" : p <= 49152 ? \"user\" : \"dynamic\";"),
        Edited("07", "07.1", "negative ports accepted", ("port < 0 || port > 65535", "port > 65535")),
        Edited("07", "07.1", "65536 taken for a port", ("port > 65535", "port > 65536")),
        Written("07", "07.2", "comment kept", "int PortOf(string line) { var f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries); return f.Length < 2 ? -1 : int.Parse(f[1].Split('/')[0]); }"),
        Edited("07", "07.2", "fields split on spaces only", ("Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)", "Split(' ', StringSplitOptions.RemoveEmptyEntries)")),
        Edited("07", "07.2", "a line without fields not handled", ("fields.Length < 2 ? -1 : ", "")),
        Written("08", "08.1", "bits in the wrong order", "string Flags(byte bits) { var n = new[] { \"CWR\", \"ECE\", \"URG\", \"ACK\", \"PSH\", \"RST\", \"SYN\", \"FIN\" }; var s = n.Where((_, i) => (bits & (1 << i)) != 0).ToArray(); return s.Length == 0 ? \"none\" : string.Join(\"-\", s); }"),
        Edited("08", "08.1", "no ECE and CWR", (", \"ECE\", \"CWR\" }", " }")),
        Edited("08", "08.1", "bits counted from 1", ("(1 << i)", "(1 << (i + 1))")),
        Edited("08", "08.1", "highest bit first", ("string.Join(\"-\", set)", "string.Join(\"-\", Enumerable.Reverse(set))")),
        Written("08", "08.2", "the client always waits", "string StateAfterClose((string ClosesFirst, string Side) q) => q.Side == \"client\" ? \"TIME_WAIT\" : \"CLOSED\";"),
        Written("08", "08.2", "bad side accepted", "string StateAfterClose((string ClosesFirst, string Side) q) => q.ClosesFirst == q.Side ? \"TIME_WAIT\" : \"CLOSED\";"),
        Edited("08", "08.2", "the other side waits", ("? \"TIME_WAIT\" : \"CLOSED\"", "? \"CLOSED\" : \"TIME_WAIT\"")),
        Edited("08", "08.2", "only the asked side checked", ("new[] { question.ClosesFirst, question.Side }", "new[] { question.Side }")),
        Written("09", "09.1", "case-insensitive", "byte[]? Reply(byte[] d) => Encoding.UTF8.GetString(d).ToLowerInvariant() switch { \"ping\" => Encoding.UTF8.GetBytes(\"pong\"), \"time?\" => Encoding.UTF8.GetBytes(\"time\"), _ => null };"),
        Written("10", "10.1", "SOCK_RAW missing", "SocketType ToDotNet(string n) => n switch { \"SOCK_STREAM\" => SocketType.Stream, \"SOCK_DGRAM\" => SocketType.Dgram, \"SOCK_SEQPACKET\" => SocketType.Seqpacket, _ => throw new ArgumentException(n) };"),
        Written("10", "10.1", "Enum.Parse on the name's tail", "SocketType ToDotNet(string n) => Enum.Parse<SocketType>(n[\"SOCK_\".Length..], ignoreCase: true);"),
        Edited("10", "10.1", "an unknown name is SocketType.Unknown", ("_ => throw new ArgumentException($\"Unknown socket type '{name}'.\")", "_ => SocketType.Unknown")),
        Edited("10", "10.1", "case-insensitive", ("return name switch", "return name.ToUpperInvariant() switch")),
        Written("14", "14.1", "not sorted", "double Percentile((double[] Samples, double Percent) q) => q.Samples[Math.Max((int)Math.Ceiling(q.Percent * q.Samples.Length / 100), 1) - 1];"),
        Edited("14", "14.1", "rank counted from 0", ("sorted[Math.Max(rank, 1) - 1]", "sorted[Math.Min(rank, sorted.Length - 1)]")),
        Edited("14", "14.1", "rank rounded to nearest", ("Math.Ceiling(", "Math.Round(")),
        Edited("14", "14.1", "divides before multiplying", ("q.Percent * sorted.Length / 100", "q.Percent / 100 * sorted.Length")),
    ];

    private NotebookRun _run = null!;
    private PlainLauncher _course = null!;

    [OneTimeSetUp]
    public async Task RunEveryWrongSolutionWithItsCheckCell()
    {
        var paths = CourseNotebooks.Paths;
        await CoursePreparation.EnsureReadyAsync(paths);
        _course = new PlainLauncher(paths.Library); // a fresh course folder: notebooks/ with the setup script at lib/netcourse.csx

        var notebooks = Wrong.Select(w => w.Lesson).Append("02").Distinct()
            .ToDictionary(l => l, l => Notebook.Load(CoursePaths.Select(paths.Notebooks, [l])[0]));
        var first = notebooks["02"];
        var cells = new JsonArray { first.CodeCells.First(c => c.Role == "setup").Json.DeepClone() };
        foreach (var (lesson, ids) in Given)
        {
            foreach (var id in ids)
            {
                cells.Add(notebooks[lesson].CodeCells.Single(c => c.Id == id).Json.DeepClone());
            }
        }

        for (var i = 0; i < Wrong.Length; i++)
        {
            var wrong = Wrong[i];
            var code = notebooks[wrong.Lesson].CodeCells.Where(c => c.Exercise == wrong.Exercise).ToList();
            var source = wrong.Code ?? Edit(code.Single(c => c.Role == "solution").Source, wrong);
            cells.Add(new JsonObject { ["cell_type"] = "code", ["id"] = $"wrong-{i}", ["metadata"] = new JsonObject(), ["outputs"] = new JsonArray(), ["execution_count"] = null, ["source"] = source });
            var checkCell = code.Single(c => c.Role == "check").Json.DeepClone();
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

    /// <summary>The instructor's solution with each of the mistake's edits made; every text to replace occurs exactly once.</summary>
    private static string Edit(string solution, WrongSolution wrong)
    {
        foreach (var (find, replace) in wrong.Edits)
        {
            var at = solution.IndexOf(find, StringComparison.Ordinal);
            Assert.That(at >= 0 && solution.IndexOf(find, at + 1, StringComparison.Ordinal) < 0, Is.True, $"{wrong.Exercise} {wrong.Mistake}: the solution holds \"{find}\" not exactly once");
            solution = string.Concat(solution.AsSpan(0, at), replace, solution.AsSpan(at + find.Length));
        }

        return solution;
    }

    private static WrongSolution Written(string lesson, string exercise, string mistake, string code) => new(lesson, exercise, mistake, code, []);

    private static WrongSolution Edited(string lesson, string exercise, string mistake, params (string Find, string Replace)[] edits) => new(lesson, exercise, mistake, null, edits);

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

    /// <summary>A mistake in an exercise: either the whole wrong code, or edits of the instructor's solution that make it.</summary>
    private sealed record WrongSolution(string Lesson, string Exercise, string Mistake, string? Code, (string Find, string Replace)[] Edits);
}
