using NetCourse.Course;
using NetCourse.Course.Commands;

const string Usage = """
    netcourse — the NetCourse command line

      run [NOTEBOOK...] [--passes N] [--timeout S] [--out DIR]
                  execute lessons headless (default: every lesson), print a table, exit 1 on any failure
                  --target kernel|jupyter|file: in the .NET kernel (default), through Jupyter's nbconvert,
                  or as the exported file-based apps (dotnet run notebooks/run/NN-topic.cs)
      export [NOTEBOOK...] [--check]
                  write every lesson as a .NET 10 file-based app to notebooks/run/NN-topic.cs;
                  --check: write nothing, exit 1 when an export is out of date
      jupyter-kernel [--path DIR]
                  register the pinned .NET kernel with Jupyter in DIR/kernels (default: your Jupyter data
                  folder), its HTTP API on loopback only
      release [LESSON...] [--out DIR]
                  write a course folder for learners (default artifacts/release): the student version of every lesson
                  in notebooks/ (solutions stubbed, hidden cases left out, outputs cleared) and the library in lib/
      validate [LESSON...]
                  instructor version scores full marks, student version zero, no solution or hidden case leaks
      grade --submissions DIR [--lesson NN] [--out DIR] [--parallel N] [--timeout S] [--shard K/N]
                  grade every submitted notebook in its own kernel, judged outside it; writes gradebook.csv,
                  gradebook.json, feedback/; --shard K/N grades a fixed part of the class (learner name hash)
      grade merge DIR... [--out DIR]
                  join the gradebooks of shards 1..N of one class, refusing missing or repeated shards
      plotly      install plotly.js 2.x into .course/plotly so charts draw offline (NETCOURSE_PLOTLY=inline)
    """;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    CourseConsole.Out.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

try
{
    return args[0] switch
    {
        "run" => await RunCommand.RunAsync(new CommandLine(args[1..]), cancel.Token),
        "export" => ExportCommand.Run(new CommandLine(args[1..], "check")),
        "jupyter-kernel" => await JupyterKernelCommand.RunAsync(new CommandLine(args[1..]), cancel.Token),
        "plotly" => await PlotlyCommand.RunAsync(cancel.Token),
        "release" => ReleaseCommand.Run(new CommandLine(args[1..])),
        "validate" => await ValidateCommand.RunAsync(new CommandLine(args[1..]), cancel.Token),
        "grade" => await GradeCommand.RunAsync(new CommandLine(args[1..]), cancel.Token),
        "judge" => await JudgeCommand.RunAsync(args[1..], cancel.Token),
        _ => Unknown(args[0]),
    };
}
catch (ArgumentException e)
{
    CourseConsole.Error.WriteLine(e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal));
    return 2;
}
catch (DirectoryNotFoundException e)
{
    CourseConsole.Error.WriteLine($"{e.Message} Run this command inside a checkout of the course.");
    return 2;
}

int Unknown(string command)
{
    CourseConsole.Error.WriteLine($"Unknown command '{command}'.\n{Usage}");
    return 2;
}
