using NetCourse.Course.Commands;

namespace NetCourse.Course;

/// <summary>The course command line: finds the command, checks its arguments, runs it and returns the exit code.</summary>
public static class Cli
{
    private const string Header = "netcourse — the NetCourse command line\n";

    private static readonly (CommandSyntax Syntax, Func<CommandLine, CancellationToken, Task<int>> Run)[] Commands =
    [
        (new CommandSyntax("run", """
              run [NOTEBOOK...] [--target kernel|jupyter|file|repl] [--passes N] [--timeout S] [--out DIR]
                          execute lessons headless (default: every lesson), print a table, exit 1 on any failure;
                          --target: in the .NET kernel (default), through Jupyter's nbconvert, as the exported
                          file-based apps (dotnet run notebooks/run/NN-topic.cs), or under dotnet-repl;
                          --passes: Run All N times in one kernel; --timeout: seconds per cell (repl: per lesson, x10)
            """) { Options = ["target", "passes", "timeout", "out"], TakesValues = true }, RunCommand.RunAsync),
        (new CommandSyntax("export", """
              export [NOTEBOOK...] [--check]
                          write every lesson as a .NET 10 file-based app to notebooks/run/NN-topic.cs;
                          --check: write nothing, exit 1 when an export is out of date
            """) { Flags = ["check"], TakesValues = true }, (args, _) => Task.FromResult(ExportCommand.Run(args))),
        (new CommandSyntax("jupyter-kernel", """
              jupyter-kernel [--path DIR]
                          register the pinned .NET kernel with Jupyter in DIR/kernels (default: your Jupyter data
                          folder), its HTTP API on loopback only
            """) { Options = ["path"] }, JupyterKernelCommand.RunAsync),
        (new CommandSyntax("release", """
              release [LESSON...] [--out DIR] [--course DIR]
                          write a course folder for learners (default artifacts/release): the student version of every
                          lesson in notebooks/ (solutions stubbed, hidden cases left out, outputs cleared), the library
                          in lib/; --course: the instructor's lessons (default notebooks/)
            """) { Options = ["out", "course"], TakesValues = true }, (args, _) => Task.FromResult(ReleaseCommand.Run(args))),
        (new CommandSyntax("validate", """
              validate [LESSON...] [--timeout S] [--course DIR]
                          instructor version scores full marks, student version zero, no solution or hidden case leaks
            """) { Options = ["timeout", "course"], TakesValues = true }, ValidateCommand.RunAsync),
        (new CommandSyntax("grade", """
              grade --submissions DIR [--lesson NN] [--shard K/N] [--isolation auto|none|require] [--out DIR] [--parallel N] [--timeout S] [--course DIR]
                          grade every submitted notebook in its own kernel; writes gradebook.csv, gradebook.json, feedback/;
                          --shard K/N: only the K-th of N equal parts of the class (learners by name), for array jobs;
                          --isolation: each kernel in its own namespaces as its own user under limits where the OS allows
                          (auto, the default: else plain, and the gradebook says what was missing), never, or always
            """) { Options = ["submissions", "lesson", "shard", "isolation", "out", "parallel", "timeout", "course"] }, GradeCommand.RunAsync),
        (new CommandSyntax("grade merge", """
              grade merge --out DIR SHARD_DIR...
                          join the gradebooks that 'grade --shard K/N' wrote for shards 1..N into one gradebook
            """) { Options = ["out"], TakesValues = true }, GradeCommand.MergeAsync),
        (new CommandSyntax("plotly", """
              plotly      install plotly.js 2.x into .course/plotly so charts draw offline (NETCOURSE_PLOTLY=inline)
            """), (_, token) => PlotlyCommand.RunAsync(token)),
        (new CommandSyntax("judge", "  judge EXERCISE   (run by the grader) the judge peer of a socket exercise; its request is one JSON line on stdin\n")
            { TakesValues = true, Hidden = true }, JudgeCommand.RunAsync),
    ];

    /// <summary>The usage of every command.</summary>
    public static string Usage { get; } = Header + string.Join('\n', Commands.Where(c => !c.Syntax.Hidden).Select(c => c.Syntax.Usage));

    /// <summary>
    /// Runs the command <paramref name="args"/> names. Arguments it refuses (an unknown command or option, a value that
    /// does not parse) are reported on <paramref name="error"/> with the command's usage, and the exit code is 2.
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            output.WriteLine(Usage);
            return args.Count == 0 ? 2 : 0;
        }

        var command = Commands.FirstOrDefault(c => args.Count > 1 && c.Syntax.Name == $"{args[0]} {args[1]}");
        var words = 2;
        if (command.Syntax is null)
        {
            command = Commands.FirstOrDefault(c => c.Syntax.Name == args[0]);
            words = 1;
        }

        if (command.Syntax is null)
        {
            error.WriteLine($"Unknown command '{args[0]}'.\n{Usage}");
            return 2;
        }

        try
        {
            var line = new CommandLine([.. args.Skip(words)], command.Syntax);
            if (line.Has("help"))
            {
                output.WriteLine("usage:\n" + command.Syntax.Usage);
                return 0;
            }

            return await command.Run(line, cancellationToken).ConfigureAwait(false);
        }
        catch (CommandLineException e)
        {
            error.WriteLine($"{e.Message}\nusage:\n{e.Syntax.Usage}");
            return 2;
        }
        catch (ArgumentException e)
        {
            error.WriteLine(e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal));
            return 2;
        }
        catch (InvalidDataException e)
        {
            error.WriteLine(e.Message);
            return 2;
        }
        catch (DirectoryNotFoundException e)
        {
            error.WriteLine($"{e.Message} Run this command inside a checkout of the course.");
            return 2;
        }
    }
}
