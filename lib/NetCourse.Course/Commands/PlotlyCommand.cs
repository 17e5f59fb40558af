using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace NetCourse.Course.Commands;

/// <summary>
/// <c>netcourse plotly</c>: installs plotly.js 2.x (npm's <c>plotly.js-dist-min</c>) into <c>.course/plotly</c>, so that
/// charts can draw offline with <c>NETCOURSE_PLOTLY=inline</c> (or the file's path). The package comes straight from
/// the npm registry (<c>npm_config_registry</c> if set) and is checked against its published SHA-512; Node is not needed.
/// </summary>
public static class PlotlyCommand
{
    private const string Integrity = "sha512-sz2HLP8gkysLx/BanM2PtJTtZ1PLPwdHwMWNri2YxLBy3IOeuDsVQtlmWa4hoK3j/fi4naaD3uZJqH5ozM3zGg==";

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var paths = CoursePaths.Find();
        var registry = (Environment.GetEnvironmentVariable("npm_config_registry") ?? "https://registry.npmjs.org/").TrimEnd('/');
        var url = $"{registry}/plotly.js-dist-min/-/plotly.js-dist-min-{ChartSettings.PlotlyVersion}.tgz";
        byte[] tarball;
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
            tarball = await http.GetByteArrayAsync(new Uri(url), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            CourseConsole.Error.WriteLine($"Could not download {url}: {e.Message}");
            return 1;
        }

        var integrity = "sha512-" + Convert.ToBase64String(SHA512.HashData(tarball));
        if (integrity != Integrity)
        {
            CourseConsole.Error.WriteLine($"{url} does not match the published checksum (got {integrity}); nothing was installed.");
            return 1;
        }

        var folder = Path.Combine(paths.Root, ".course", "plotly", "node_modules", "plotly.js-dist-min");
        Directory.CreateDirectory(folder);
        await using (var gzip = new GZipStream(new MemoryStream(tarball), CompressionMode.Decompress))
        await using (var tar = new TarReader(gzip))
        {
            while (await tar.GetNextEntryAsync(cancellationToken: cancellationToken).ConfigureAwait(false) is { } entry)
            {
                if (entry.Name is "package/" + PlotlyFiles.FileName or "package/package.json" or "package/LICENSE")
                {
                    await entry.ExtractToFileAsync(Path.Combine(folder, Path.GetFileName(entry.Name)), overwrite: true, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        var file = Path.Combine(folder, PlotlyFiles.FileName);
        CourseConsole.Out.WriteLine($"plotly.js {ChartSettings.PlotlyVersion} installed: {file}");
        CourseConsole.Out.WriteLine("Draw charts offline: set NETCOURSE_PLOTLY=inline before starting the kernel (or VS Code / Jupyter).");
        return File.Exists(file) ? 0 : 1;
    }
}
