using NetCourse.Course;

namespace NetCourse.Notebooks.Tests.Harness;

/// <summary>
/// Each command refuses an option it does not know and a value that does not parse, with its usage and exit code 2.
/// The token is cancelled beforehand: a command line that were accepted would start work and throw, not return 2.
/// </summary>
public class CommandLineTests
{
    [TestCase(new[] { "run", "--pases", "2" }, "--pases")]
    [TestCase(new[] { "run", "06", "--timeuot", "30" }, "--timeuot")]
    [TestCase(new[] { "export", "--chek" }, "--chek")]
    [TestCase(new[] { "release", "--output", "x" }, "--output")]
    [TestCase(new[] { "validate", "--passes", "2" }, "--passes")]
    [TestCase(new[] { "grade", "--submissions", "class", "--paralel", "4" }, "--paralel")]
    [TestCase(new[] { "jupyter-kernel", "--folder", "x" }, "--folder")]
    public async Task An_Unknown_Option_Exits_2_Naming_It_With_The_Commands_Usage(string[] args, string option)
    {
        var (exitCode, output, error) = await RunAsync(args);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error, Does.Contain($"unknown option {option}."));
            Assert.That(error, Does.Contain("usage:\n  " + args[0] + " "));
            Assert.That(output, Is.Empty);
        }
    }

    [TestCase(new[] { "run", "--passes", "two" }, "--passes two is not a whole number from 1 to 5")]
    [TestCase(new[] { "run", "--timeout", "0" }, "--timeout 0 is not a whole number from 1 to 3600")]
    [TestCase(new[] { "run", "--target", "kernal" }, "--target kernal is not one of kernel, jupyter, file, repl")]
    [TestCase(new[] { "run", "--passes=2", "--target", "file" }, "--passes 2 needs --target kernel")]
    [TestCase(new[] { "run", "--out" }, "option --out needs a value")]
    [TestCase(new[] { "run", "--out", "--passes", "2" }, "option --out needs a value")]
    [TestCase(new[] { "export", "--check=yes" }, "--check takes no value (got 'yes')")]
    [TestCase(new[] { "grade", "--submissions", "class", "--parallel", "-1" }, "--parallel -1 is not a whole number from 1 to 16")]
    [TestCase(new[] { "grade" }, "grade needs --submissions DIR")]
    [TestCase(new[] { "plotly", "now" }, "plotly takes no values, got 'now'")]
    public async Task A_Value_That_Does_Not_Parse_Exits_2_Naming_It_With_The_Commands_Usage(string[] args, string message)
    {
        var (exitCode, _, error) = await RunAsync(args);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error, Does.Contain(message));
            Assert.That(error, Does.Contain("usage:\n  " + args[0] + " "));
        }
    }

    [Test]
    public async Task Help_For_A_Command_Prints_Its_Usage_And_Exits_0()
    {
        var (exitCode, output, error) = await RunAsync(["run", "--help"]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(0));
            Assert.That(output, Does.Contain("run [NOTEBOOK...] [--target kernel|jupyter|file|repl]").And.Not.Contain("grade --submissions"));
            Assert.That(error, Is.Empty);
        }
    }

    [Test]
    public async Task An_Unknown_Command_Exits_2_With_Every_Commands_Usage()
    {
        var (exitCode, _, error) = await RunAsync(["rnu"]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error, Does.Contain("Unknown command 'rnu'").And.Contain("  run [NOTEBOOK...]").And.Contain("  grade --submissions DIR"));
        }
    }

    [Test]
    public async Task Merging_A_Folder_That_Holds_No_Gradebook_Exits_2_Naming_It()
    {
        var folder = Directory.CreateTempSubdirectory("netcourse-not-a-shard-");
        try
        {
            var (exitCode, _, error) = await RunAsync(["grade", "merge", "--out", Path.Combine(folder.FullName, "out"), folder.FullName]);

            using (Assert.EnterMultipleScope())
            {
                Assert.That(exitCode, Is.EqualTo(2));
                Assert.That(error, Does.Contain(Path.Combine(folder.FullName, "gradebook.json")).And.Contain("is not a readable gradebook").And.Not.Contain("   at "));
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Test]
    public void Known_Options_Parse_In_Both_Spellings_And_Values_Stay_Positional()
    {
        var syntax = new CommandSyntax("run", "  run") { Options = ["passes", "out"], Flags = ["check"], TakesValues = true };

        var line = new CommandLine(["06", "--passes=2", "--out", "dir", "--check", "11"], syntax);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(line.Positional, Is.EqualTo(new[] { "06", "11" }));
            Assert.That(line.GetInt("passes", 1, 1, 5), Is.EqualTo(2));
            Assert.That(line.Get("out"), Is.EqualTo("dir"));
            Assert.That(line.Has("check"), Is.True);
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args)
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exitCode = await Cli.RunAsync(args, output, error, cancelled.Token);
        return (exitCode, output.ToString(), error.ToString());
    }
}
