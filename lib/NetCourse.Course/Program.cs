using NetCourse.Course;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return await Cli.RunAsync(args, CourseConsole.Out, CourseConsole.Error, cancel.Token);
