using System.Diagnostics;
using System.Text;

namespace NetCourse.Tests.Interop;

/// <summary>The outside programs the interop tests drive, found on this machine; a missing one makes its test Inconclusive.</summary>
internal static class Tools
{
    /// <summary>The folder that holds the Python helper scripts (copied next to the test assembly).</summary>
    public static string Scripts => Path.Combine(TestContext.CurrentContext.TestDirectory, "Interop");

    /// <summary>The full path of <paramref name="name"/>, or an Inconclusive result naming it.</summary>
    public static string Require(string name) =>
        Programs.Find(name) ?? Inconclusive<string>($"{name} is not installed (CI installs it from apt; see .ci/run)");

    /// <summary>A python3 that can import every module given (the apt python3 first, where apt installs scapy), or Inconclusive.</summary>
    public static string Python(params string[] modules)
    {
        var candidates = new[] { "/usr/bin/python3", Programs.Find("python3") }.OfType<string>().Where(File.Exists).Distinct();
        foreach (var python in candidates)
        {
            var check = Run(python, ["-c", string.Join(";", modules.Select(m => $"import {m}").Append("pass"))], TimeSpan.FromSeconds(30));
            if (check.ExitCode == 0)
            {
                return python;
            }
        }

        return Inconclusive<string>(modules.Length == 0
            ? "python3 is not installed (CI installs it from apt; see .ci/run)"
            : $"python3 with {string.Join(", ", modules)} is not installed (CI installs python3-{modules[0]} from apt; see .ci/run)");
    }

    /// <summary>Runs a program to its end within <paramref name="timeout"/>; on timeout it is killed and the test fails.</summary>
    public static Result Run(string program, IEnumerable<string> arguments, TimeSpan timeout, string? input = null)
    {
        using var process = Start(program, arguments, input is not null);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            if (input is not null)
            {
                process.StandardInput.Write(input);
                process.StandardInput.Close();
            }

            if (!process.WaitForExit(timeout))
            {
                Assert.Fail($"{Path.GetFileName(program)} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds} s.");
            }

            process.WaitForExit();
            return new Result(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        }
        finally
        {
            Kill(process);
        }
    }

    /// <summary>Runs a program asynchronously; see <see cref="Run"/>.</summary>
    public static Task<Result> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, string? input = null) =>
        Task.Run(() => Run(program, arguments, timeout, input));

    /// <summary>Starts a long-running program (a server, tcpdump); dispose it to stop it.</summary>
    public static Process Start(string program, IEnumerable<string> arguments, bool redirectInput = false)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PYTHONUNBUFFERED"] = "1";
        return Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
    }

    /// <summary>Kills the process and everything it started, if it is still running.</summary>
    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
    }

    private static T Inconclusive<T>(string message)
    {
        Assert.Inconclusive(message);
        return default!;
    }

    /// <summary>What a finished program said.</summary>
    internal sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
    }
}

/// <summary>A Python server started from a helper script, which prints its port on the first line; disposing kills it.</summary>
internal sealed class PythonServer : IDisposable
{
    private readonly Process _process;

    private PythonServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static PythonServer Start(string script, params string[] arguments)
    {
        var python = Tools.Python();
        var process = Tools.Start(python, [Path.Combine(Tools.Scripts, script), .. arguments]);
        try
        {
            var first = process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20)).GetAwaiter().GetResult();
            if (!int.TryParse(first, out var port))
            {
                Tools.Kill(process);
                Assert.Fail($"{script} did not print its port: '{first}' {process.StandardError.ReadToEnd()}");
            }

            return new PythonServer(process, port);
        }
        catch
        {
            Tools.Kill(process);
            process.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Tools.Kill(_process);
        _process.Dispose();
    }
}
