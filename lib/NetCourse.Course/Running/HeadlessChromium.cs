using System.Diagnostics;

namespace NetCourse.Course.Running;

/// <summary>
/// Headless Chromium with the network cut off (every name unresolvable, every request sent to a proxy that is not
/// there), to see a page as a reader without internet sees it. Each run gets its own throwaway profile.
/// </summary>
public static class HeadlessChromium
{
    /// <summary>The Chromium executable on PATH, or null when there is none.</summary>
    public static string? Find() => new[] { "chromium", "chromium-browser", "google-chrome" }.Select(Programs.Find).FirstOrDefault(path => path is not null);

    /// <summary>The page's DOM after its scripts ran (or failed to load what they wanted).</summary>
    /// <exception cref="TimeoutException">Chromium did not finish within <paramref name="timeout"/>.</exception>
    public static async Task<string> DumpDomAsync(string page, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var dom = await RunAsync(page, ["--dump-dom"], timeout, cancellationToken).ConfigureAwait(false);
        return dom.Length > 0 ? dom : throw new InvalidOperationException($"Chromium printed no DOM for {page}.");
    }

    /// <summary>Saves a PNG of the page's first <paramref name="height"/> pixels at <paramref name="width"/> pixels wide.</summary>
    /// <exception cref="TimeoutException">Chromium did not finish within <paramref name="timeout"/>.</exception>
    public static async Task ScreenshotAsync(string page, string png, int width, int height, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        await RunAsync(page, [$"--screenshot={Path.GetFullPath(png)}", $"--window-size={width},{height}"], timeout, cancellationToken).ConfigureAwait(false);
        if (!File.Exists(png))
        {
            throw new InvalidOperationException($"Chromium wrote no screenshot of {page} to {png}.");
        }
    }

    private static async Task<string> RunAsync(string page, string[] action, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(page);
        var chromium = Find() ?? throw new InvalidOperationException("Chromium is not installed (Debian/Ubuntu: apt-get install chromium).");
        var profile = Directory.CreateTempSubdirectory("netcourse-chromium-");
        var start = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true };
        string[] offline =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", $"--user-data-dir={profile.FullName}",
            "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9", "--virtual-time-budget=10000",
        ];
        foreach (var argument in offline.Concat(action).Append(new Uri(Path.GetFullPath(page)).AbsoluteUri))
        {
            start.ArgumentList.Add(argument);
        }

        using var browser = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {chromium}.");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var stdout = browser.StandardOutput.ReadToEndAsync(deadline.Token);
            var stderr = browser.StandardError.ReadToEndAsync(deadline.Token);
            await browser.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            await stderr.ConfigureAwait(false);
            return await stdout.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Chromium did not finish with {page} within {timeout.TotalSeconds:0} s.");
        }
        finally
        {
            if (!browser.HasExited)
            {
                browser.Kill(entireProcessTree: true);
            }

            TryDelete(profile);
        }
    }

    private static void TryDelete(DirectoryInfo folder)
    {
        try
        {
            folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Chromium's helpers may still hold a file for a moment; the folder is in the temp directory.
        }
    }
}
