using NetCourse.Course.Export;
using NetCourse.Course.Notebooks;

namespace NetCourse.Notebooks.Tests.Export;

/// <summary>The notebook-to-file translation on small made-up notebooks.</summary>
public class LessonExporterTests
{
    private static readonly string[] Namespaces = ["System.Net", "NetCourse"];

    [TestCase("var x = 1;\nx + 1", "var x = 1;\ndisplay(x + 1);")]
    [TestCase("x;", "x;")]
    [TestCase("Console.WriteLine(\"a; b\")", "Console.WriteLine(\"a; b\");")]
    [TestCase("await server.DisposeAsync()", "await server.DisposeAsync();")]
    [TestCase("var s = $\"{(a ? \"}\" : \";\")}\";\ns", "var s = $\"{(a ? \"}\" : \";\")}\";\ndisplay(s);")]
    [TestCase("new HtmlTable(\"a\") { Caption = \"c\" }\n    .AddRow(1)", "display(new HtmlTable(\"a\") { Caption = \"c\" }\n    .AddRow(1));")]
    [TestCase("if (a)\n{\n    b();\n}\nelse\n{\n    c();\n}", "if (a)\n{\n    b();\n}\nelse\n{\n    c();\n}")]
    [TestCase("report // the table", "display(report); // the table")]
    [TestCase("@\"C:\\x\"\"\"", "display(@\"C:\\x\"\"\");")]
    [TestCase("\"\"\"\n  raw; }\n  \"\"\"", "display(\"\"\"\n  raw; }\n  \"\"\");")]
    public void Last_Expression_Of_A_Cell_Is_Displayed(string cell, string expected) =>
        Assert.That(Body(Export(cell)), Does.Contain(expected));

    [Test]
    public void Markdown_Becomes_Comments_And_Magics_Are_Dropped()
    {
        var text = Export("#!time\n#r \"nuget:Foo\"\n1 + 1", markdown: "# Title\n\nSome *text*.");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(text, Does.Contain("// # Title\n//\n// Some *text*.\n"));
            Assert.That(text, Does.Not.Contain("#!time").And.Not.Contain("nuget:Foo"));
            Assert.That(text, Does.Contain("#:project ../../lib/NetCourse/NetCourse.csproj\n"));
            Assert.That(text, Does.Contain("using System.Net;\nusing NetCourse;\n"));
            Assert.That(text, Does.Contain("ConsoleDisplay.Start(\"07-lesson\");"));
        }
    }

    [Test]
    public void Setup_Script_Imports_NetCourse_As_The_Only_Course_Namespace()
    {
        var namespaces = LessonExporter.SetupNamespaces(CourseNotebooks.Paths);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(namespaces, Does.Contain("NetCourse").And.Contain("System.Net.Sockets").And.Contain("System.IO"));
            Assert.That(namespaces.Where(n => n.StartsWith("NetCourse", StringComparison.Ordinal)), Is.EqualTo(new[] { "NetCourse" }));
        }
    }

    [Test]
    public void Using_Directives_Move_To_The_Top_And_Types_To_The_End()
    {
        var text = Export("using System.Net.Sockets;\nrecord Point(int X, int Y);\nvar p = new Point(1, 2);\np");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(text.IndexOf("using System.Net.Sockets;", StringComparison.Ordinal), Is.LessThan(text.IndexOf("ConsoleDisplay.Start", StringComparison.Ordinal)));
            Assert.That(text.IndexOf("record Point(int X, int Y);", StringComparison.Ordinal), Is.GreaterThan(text.IndexOf("display(p);", StringComparison.Ordinal)));
        }
    }

    [TestCase("var server = 1;", "var server = 2;", "server")]
    [TestCase("int count = 1;", "var count = 2;", "count")]
    [TestCase("static int Twice(int x) => 2 * x;", "int Twice(int y) { return y * 2; }", "Twice")]
    [TestCase("var (host, port) = (\"a\", 1);", "var host = \"b\";", "host")]
    [TestCase("record Point(int X);", "class Point { }", "Point")]
    public void A_Name_Declared_In_Two_Cells_Fails_With_Lesson_Cell_And_Name(string first, string second, string name)
    {
        var notebook = Lesson(("code", null, first), ("code", null, second));

        Assert.That(() => LessonExporter.Export(notebook, Namespaces),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("07-lesson").And.Message.Contains("cell 1 declares").And.Message.Contains("cell 0 already").And.Message.Contains($"'{name}'"));
    }

    [TestCase("return x;")]
    [TestCase("await Task.Delay(1);")]
    [TestCase("new Thing().Run();")]
    [TestCase("x = 1;")]
    public void Statements_That_Declare_Nothing_May_Repeat(string statement)
    {
        var notebook = Lesson(("code", null, statement), ("code", null, statement));

        Assert.That(() => LessonExporter.Export(notebook, Namespaces), Throws.Nothing);
    }

    private static string Export(string cell, string markdown = "# Lesson") =>
        LessonExporter.Export(Lesson(("markdown", null, markdown), ("code", "setup", "// setup"), ("code", null, cell)), Namespaces);

    private static string Body(string text) => text[text.IndexOf("// ---- cell", StringComparison.Ordinal)..];

    internal static Notebook Lesson(params (string Kind, string? Role, string Source)[] cells)
    {
        var json = new System.Text.Json.Nodes.JsonObject
        {
            ["cells"] = new System.Text.Json.Nodes.JsonArray([.. cells.Select(c => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject
            {
                ["cell_type"] = c.Kind,
                ["metadata"] = c.Role is null ? new System.Text.Json.Nodes.JsonObject() : new System.Text.Json.Nodes.JsonObject { ["netcourse"] = new System.Text.Json.Nodes.JsonObject { ["role"] = c.Role } },
                ["source"] = c.Source,
            })]),
        };
        return Notebook.Parse(json.ToJsonString(), "/tmp/07-lesson.ipynb");
    }
}
