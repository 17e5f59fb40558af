using System.Diagnostics;
using NetCourse.Course.Kernels;

namespace NetCourse.Notebooks.Tests.Harness;

/// <summary>
/// The kernel connector joins a command's words with spaces into ProcessStartInfo.Arguments; each word quoted by
/// KernelSession must reach the started process unchanged (an isolated kernel's command holds a whole shell script).
/// </summary>
public class KernelCommandQuotingTests
{
    [Test, CancelAfter(60_000)]
    public async Task Every_Word_Reaches_The_Process_Unchanged(CancellationToken token)
    {
        if (!File.Exists("/usr/bin/printf"))
        {
            Assert.Ignore("Needs /usr/bin/printf (Unix).");
        }

        string[] words = ["plain", "two words", "tab\there", "line\nbreak", "quote\"inside", "back\\slash\\", "\\\"", "ends with\\", "", "set -e\nfor f in $X; do echo \"$f\"; done"];
        var start = new ProcessStartInfo("/usr/bin/printf")
        {
            Arguments = string.Join(" ", new[] { "%s\\0" }.Concat(words).Select(KernelSession.QuoteForConnector)),
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(token);
        await process.WaitForExitAsync(token);

        Assert.That(output.Split('\0')[..^1], Is.EqualTo(words));
    }
}
