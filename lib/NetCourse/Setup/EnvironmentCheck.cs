using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;

namespace NetCourse;

/// <summary>Checks that this machine can run the course: runtime, SDK, kernel, loopback v4/v6, ports, capture tools.</summary>
public static class EnvironmentCheck
{
    /// <summary>Runs every check; each one has its own deadline, so the whole run takes a few seconds at most.</summary>
    public static async Task<EnvironmentReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var results = new List<EnvironmentCheckResult>
        {
            new(".NET runtime", Environment.Version.Major >= 10 ? CheckStatus.Ok : CheckStatus.Failed,
                RuntimeInformation.FrameworkDescription, "the course targets .NET 10"),
            await SdkAsync(cancellationToken).ConfigureAwait(false),
            Kernel(),
            await LoopbackAsync(IPAddress.Loopback, cancellationToken).ConfigureAwait(false),
            await LoopbackAsync(IPAddress.IPv6Loopback, cancellationToken).ConfigureAwait(false),
            FreePort(),
            CaptureTool(),
        };
        return new EnvironmentReport(results);
    }

    private static async Task<EnvironmentCheckResult> SdkAsync(CancellationToken cancellationToken)
    {
        const string Check = ".NET SDK";
        try
        {
            using var process = Process.Start(new ProcessStartInfo("dotnet", "--version")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }) ?? throw new InvalidOperationException("dotnet did not start");
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(20));
            var version = (await process.StandardOutput.ReadToEndAsync(deadline.Token).ConfigureAwait(false)).Trim();
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            var major = int.TryParse(version.Split('.')[0], out var m) ? m : 0;
            return new(Check, major >= 10 ? CheckStatus.Ok : CheckStatus.Failed, version, "builds the course library");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or OperationCanceledException)
        {
            return new(Check, CheckStatus.Failed, "not found", $"install the .NET 10 SDK ({e.Message})");
        }
    }

    private static EnvironmentCheckResult Kernel()
    {
        var kernel = AppDomain.CurrentDomain.GetAssemblies()
            .FirstOrDefault(a => a.GetName().Name == "Microsoft.DotNet.Interactive");
        var version = kernel?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];
        return version is null
            ? new("notebook kernel", CheckStatus.Warning, "none", "not running inside .NET Interactive (fine for `dotnet run` lessons)")
            : new("notebook kernel", CheckStatus.Ok, $".NET Interactive {version}", "runs the lessons' cells");
    }

    private static async Task<EnvironmentCheckResult> LoopbackAsync(IPAddress address, CancellationToken cancellationToken)
    {
        var check = address.AddressFamily == AddressFamily.InterNetworkV6 ? "loopback IPv6 (::1)" : "loopback IPv4 (127.0.0.1)";
        try
        {
            using var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(address, 0));
            listener.Listen(1);
            using var client = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(listener.LocalEndPoint!, deadline.Token).ConfigureAwait(false);
            using var server = await listener.AcceptAsync(deadline.Token).ConfigureAwait(false);
            return new(check, CheckStatus.Ok, $"connected to {listener.LocalEndPoint}", "servers and clients of the lessons talk here");
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            var status = address.AddressFamily == AddressFamily.InterNetworkV6 ? CheckStatus.Warning : CheckStatus.Failed;
            return new(check, status, e.Message, status == CheckStatus.Warning ? "IPv6 parts of the lessons will be skipped" : "no lesson can run");
        }
    }

    private static EnvironmentCheckResult FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        return new("free port (bind to port 0)", CheckStatus.Ok, $"the OS chose {port}", "lessons never hard-code a port");
    }

    private static EnvironmentCheckResult CaptureTool()
    {
        var found = Programs.Find("tcpdump") ?? "no tcpdump";
        return PacketCapture.Unavailable is { } reason
            ? new("packet capture", CheckStatus.Warning, found, $"{reason}: capture cells show a capture recorded on loopback instead")
            : new("packet capture", CheckStatus.Ok, found, "capture cells draw live segments");
    }
}
