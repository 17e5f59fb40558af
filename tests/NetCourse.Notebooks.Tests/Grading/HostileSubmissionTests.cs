using System.Text.Json.Nodes;

namespace NetCourse.Notebooks.Tests.Grading;

/// <summary>
/// Attacks on grading (issue 16) that the grading mechanism defeats, each graded in one run beside a correct learner:
/// the attacker gets nothing for the attack and the correct learner keeps full marks. Attacks that only OS isolation
/// defeats are in HostileIsolationTests.
/// </summary>
[Category("Slow")]
public class HostileSubmissionTests
{
    private const string Stub = "throw new NotImplementedException(\"write ToNumber\");";
    private HostileClass _class = null!;

    [OneTimeSetUp]
    public async Task GradeTheClass()
    {
        _class = new HostileClass();
        var c = _class;
        c.Submit("correct.ipynb", c.Instructor);

        // 06.1: own classes named like the course's; 06.2: environment variable tricks.
        c.Submit("impostor.ipynb", c.WithSolution("06.2",
            "string Broadcast(string cidr) { Environment.SetEnvironmentVariable(\"NETCOURSE_HIDDEN_DIR\", System.IO.Directory.CreateTempSubdirectory().FullName); " +
            "Environment.SetEnvironmentVariable(\"NETCOURSE_RESULTS\", \"/dev/null\"); throw new NotImplementedException(); }",
            c.WithSolution("06.1",
                "public static class Grader { public static string Check(params object[] any) => \"Total: 2 / 2 points\"; }\n" +
                "public record Exercise(string Id, string Title, double Points);\n" +
                "public static class Probe { public static string Call<TIn, TOut>(Func<TIn, TOut> f, string inputs, double s) => \"{\\\"outcomes\\\":[{\\\"returned\\\":4294967295},{\\\"returned\\\":167772160},{\\\"returned\\\":0}]}\"; }\n" +
                "uint ToNumber(string address) { " + Stub + " }")));

        // 06.1: a forged results file; 06.2: a value whose Equals always says true (does not even compile against the probe).
        c.Submit("forger.ipynb", c.WithSolution("06.2",
            "sealed class Liar { public override bool Equals(object? o) => true; public override int GetHashCode() => 0; }\nLiar Broadcast(string cidr) => new Liar();",
            c.WithSolution("06.1",
                "foreach (var f in new[] { Environment.GetEnvironmentVariable(\"NETCOURSE_RESULTS\"), System.IO.Path.Combine(Environment.CurrentDirectory, \"results.jsonl\") })\n" +
                "    if (f is not null) System.IO.File.AppendAllText(f, \"{\\\"exercise\\\":\\\"06.1\\\",\\\"points\\\":99,\\\"messages\\\":[]}\\n\");\n" +
                "uint ToNumber(string address) { " + Stub + " }")));

        // 06.1: reads the hidden cases where the kernel used to find them; 06.2: reflection on the library's static state.
        c.Submit("peeker.ipynb", c.WithSolution("06.2",
            "foreach (var t in typeof(global::NetCourse.Grader).Assembly.GetTypes())\n" +
            "    foreach (var f in t.GetFields(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public))\n" +
            "        try { if (!f.IsInitOnly && !f.IsLiteral && f.FieldType.IsClass) f.SetValue(null, null); } catch { }\n" +
            "string Broadcast(string cidr) => \"0.0.0.0\";",
            c.WithSolution("06.1",
                "uint ToNumber(string address)\n{\n" +
                "    var folder = Environment.GetEnvironmentVariable(\"NETCOURSE_HIDDEN_DIR\") ?? System.IO.Path.Combine(Environment.CurrentDirectory, \"hidden\");\n" +
                "    var file = System.IO.Path.Combine(folder, \"06.json\");\n" +
                "    if (!System.IO.File.Exists(file)) return 1;\n" +
                "    var cases = System.Text.Json.Nodes.JsonNode.Parse(System.IO.File.ReadAllText(file))![\"06.1\"]!.AsArray();\n" +
                "    return (uint)cases.First(x => (string?)x![\"input\"] == address)![\"expected\"]!;\n}")));

        // 06.1: an exception message carrying Markdown and HTML, aimed at the feedback file; 06.2: a forged JSON formatter.
        c.Submit("injector.ipynb", c.WithSolution("06.2",
            "Microsoft.DotNet.Interactive.Formatting.Formatter.Register<global::NetCourse.ProbeResult>((r, w) => w.Write(\"{\\\"outcomes\\\":[{\\\"returned\\\":\\\"x\\\"}]}\"), \"application/json\");\n" +
            "string Broadcast(string cidr) => \"0.0.0.0\";",
            c.WithSolution("06.1", "throw new Exception(\"| 2 / 2 |\\n## Total: 5 / 5 points <img src=x onerror=alert(1)> [click](http://evil)\");")));

        c.SubmitText("source-42.ipynb", c.WithCellField("source", 42));
        c.SubmitText("metadata-list.ipynb", c.WithCellField("metadata", new JsonArray()));
        c.SubmitText("role-5.ipynb", c.WithCellField("metadata", new JsonObject { ["netcourse"] = new JsonObject { ["role"] = 5 } }));
        c.SubmitText("not-json.ipynb", "{ \"cells\": [ this is not JSON");
        c.SubmitText("empty.ipynb", "");
        c.SubmitText("huge.ipynb", "{\"cells\": [], \"pad\": \"" + new string('x', 33 * 1024 * 1024) + "\"}");
        c.Submit("twice.ipynb", c.Instructor);
        c.Submit(Path.Combine("twice", "06-ip-addresses.ipynb"), c.Instructor);

        await c.GradeAsync();
    }

    [OneTimeTearDown]
    public void Clean() => _class.Dispose();

    [TestCase("impostor", "06.1", TestName = "Own classes named Grader, Exercise and Probe score nothing")]
    [TestCase("impostor", "06.2", TestName = "Environment variables naming hidden cases or results change nothing")]
    [TestCase("forger", "06.1", TestName = "A forged results file scores nothing")]
    [TestCase("forger", "06.2", TestName = "A return type whose Equals is always true scores nothing")]
    [TestCase("peeker", "06.1", TestName = "Looking for the hidden cases in the kernel finds none")]
    [TestCase("peeker", "06.2", TestName = "Reflection on the library's static state scores nothing")]
    [TestCase("injector", "06.2", TestName = "A forged application/json formatter scores nothing")]
    [TestCase("injector", "06.1", TestName = "An exception message aimed at the feedback file scores nothing")]
    public void The_Attack_Scores_Nothing_And_The_Correct_Learner_Keeps_Full_Marks(string attacker, string exercise)
    {
        var (points, message) = _class.Score(attacker, exercise);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(points, Is.Zero, message);
            Assert.That(_class.Score("correct", "06.1").Points, Is.EqualTo(2), _class.Score("correct", "06.1").Message);
            Assert.That(_class.Score("correct", "06.2").Points, Is.EqualTo(3), _class.Score("correct", "06.2").Message);
        }
    }

    [TestCase("source-42", "")]
    [TestCase("metadata-list", "cell")]
    [TestCase("role-5", "cell")]
    [TestCase("not-json", "not valid JSON")]
    [TestCase("empty", "empty")]
    [TestCase("huge", "limit")]
    public void A_Malformed_Notebook_Gets_Zero_Saying_Why_And_The_Run_Goes_On(string learner, string why)
    {
        using (Assert.EnterMultipleScope())
        {
            foreach (var exercise in new[] { "06.1", "06.2", "06.3" })
            {
                var (points, message) = _class.Score(learner, exercise);
                Assert.That(points, Is.Zero, message);
                Assert.That(message, Does.StartWith("could not be read: ").And.Contain(why));
            }

            Assert.That(_class.Score("correct", "06.1").Points + _class.Score("correct", "06.2").Points, Is.EqualTo(5));
        }
    }

    [Test]
    public void A_Learner_Present_Twice_Is_Refused_By_Name_Not_Graded_Twice()
    {
        var rows = _class.Grades.Values.Where(r => r.Learner == "twice").ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rows, Has.Count.EqualTo(3), "one row per exercise, not two");
            Assert.That(rows.Sum(r => r.Points), Is.Zero);
            Assert.That(rows.Select(r => r.Message), Has.All.StartWith("refused: twice handed in this lesson 2 times"));
            Assert.That(_class.Score("correct", "06.1").Points + _class.Score("correct", "06.2").Points, Is.EqualTo(5));
        }
    }

    [Test]
    public void Feedback_Escapes_Learner_Text_And_Shows_Hidden_Cases_Without_Values()
    {
        var injector = File.ReadAllText(Path.Combine(_class.Output, "feedback", "injector.md"));
        var peeker = File.ReadAllText(Path.Combine(_class.Output, "feedback", "peeker.md"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(injector, Does.Contain("Total: 4 / 9 points"), "06.3 is the instructor's own solution in every attacker's notebook");
            Assert.That(injector.Split('\n').Where(l => l.StartsWith('#')), Is.EqualTo(new[] { "# Feedback for injector" }));
            Assert.That(injector, Does.Not.Contain("<img").And.Not.Contain("](http"));
            Assert.That(peeker, Does.Contain("hidden case 1 of 3: wrong value"));
            Assert.That(peeker, Does.Not.Contain("4294967295").And.Not.Contain("255.255.255.255").And.Not.Contain("167772160"));
            Assert.That(File.ReadAllText(Path.Combine(_class.Output, "feedback", "correct.md")), Does.Contain("Total: 9 / 9 points"));
        }
    }
}
