using NetCourse.Benchmarks;

// Benchmarks print ratios measured side by side in one run. Not part of `dotnet test`.
// dotnet run -c Release --project tests/NetCourse.Benchmarks -- handshake|echo|kernel|grading|all
if (args is ["serve", var kind])
{
    await EchoBenchmark.ServeAsync(kind);
    return 0;
}

var which = args.Length > 0 ? args[0] : "all";
var machine = $"{Environment.ProcessorCount} CPUs, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
Console.WriteLine($"NetCourse benchmarks on {machine}");
if (which is "handshake" or "all")
{
    await HandshakeBenchmark.RunAsync();
}

if (which is "echo" or "all")
{
    await EchoBenchmark.RunAsync();
}

if (which is "kernel" or "all")
{
    await KernelStartBenchmark.RunAsync();
}

if (which is "grading" or "all")
{
    await GradingBenchmark.RunAsync();
}

return which is "handshake" or "echo" or "kernel" or "grading" or "all" ? 0 : 2;
