namespace NetCourse.Benchmarks;

/// <summary>How to start one echo server of the benchmark: its name in the report, its program, arguments and extra environment.</summary>
internal sealed record EchoServerCommand(string Name, string File, string[] Arguments, params (string Variable, string Value)[] Environment);
