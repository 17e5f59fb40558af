using System.Diagnostics;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using NetCourse.Course;
using NetCourse.Course.Isolation;
using NetCourse.Course.Kernels;
using NetCourse.Course.Notebooks;

namespace NetCourse.Notebooks.Tests.Grading;

/// <summary>
/// Attacks that only OS isolation defeats, each made by a learner's cell in an isolated kernel while a second learner's
/// isolated kernel runs beside it: the attack fails, and the sibling's own cell still works. Linux as root only
/// (as in CI); skipped with the reason elsewhere.
/// </summary>
[Category("Slow")]
[SupportedOSPlatform("linux")]
public class IsolationTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan CellTimeout = TimeSpan.FromSeconds(90);
    private IsolatedLauncher? _siblingLauncher;
    private KernelSession? _sibling;

    private static CoursePaths Paths => CourseNotebooks.Paths;

    [OneTimeSetUp]
    public async Task StartSibling()
    {
        if (!OperatingSystem.IsLinux() || KernelIsolation.Unavailable.Count > 0)
        {
            Assert.Ignore($"Kernels cannot be isolated here: {string.Join("; ", KernelIsolation.Unavailable)}.");
        }

        if (IsolationSupport.Current.NamespaceError is { } error)
        {
            Assert.Ignore($"Namespaces cannot be made here: {error}.");
        }

        await CoursePreparation.EnsureReadyAsync(Paths);
        var sibling = await Sandboxed.StartAsync(CancellationToken.None);
        (_siblingLauncher, _sibling) = (sibling.Launcher, sibling.Kernel);
        var setup = await _sibling.RunAsync(SetupCell, CellTimeout);
        Assert.That(setup.Status, Is.EqualTo(CellStatus.Succeeded), setup.Error);
    }

    [OneTimeTearDown]
    public async Task StopSibling()
    {
        if (_sibling is not null)
        {
            await _sibling.DisposeAsync();
        }

        if (_siblingLauncher is not null)
        {
            await _siblingLauncher.DisposeAsync();
            Assert.That(SandboxProcesses.OwnedBy(new HashSet<int> { _siblingLauncher.KernelUid }), Is.Empty, "no process of the sibling's user is left");
            Assert.That(Directory.Exists(_siblingLauncher.SandboxFolder), Is.False, "the sibling's folder is removed");
        }
    }

    [Test, CancelAfter(300_000)]
    public async Task The_Kernel_Runs_As_Its_Own_User_With_Only_Loopback_A_Minimal_Environment_And_The_Staged_Library(CancellationToken token)
    {
        var plainFolder = Directory.CreateTempSubdirectory("netcourse-plain-");
        var clock = Stopwatch.StartNew();
        await using (await KernelSession.StartAsync(plainFolder, StartTimeout, cancellationToken: token))
        {
            TestContext.Out.WriteLine($"plain kernel started in {clock.Elapsed.TotalSeconds:0.0} s");
        }

        plainFolder.Delete(recursive: true);
        clock.Restart();
        await using var launcher = IsolatedLauncher.Create(Paths);
        var prepared = clock.Elapsed;
        await using var kernel = await KernelSession.StartAsync(launcher, StartTimeout, cancellationToken: token);
        TestContext.Out.WriteLine($"isolated kernel started in {clock.Elapsed.TotalSeconds:0.0} s (launcher ready after {prepared.TotalSeconds:0.00} s); missing protections: {(launcher.MissingProtections.Count == 0 ? "none" : string.Join("; ", launcher.MissingProtections))}");
        var setup = await kernel.RunAsync(SetupCell, CellTimeout, token);
        Assert.That(setup.Status, Is.EqualTo(CellStatus.Succeeded), setup.Error);
        var facts = await ValueAsync(kernel, """
            string.Join("|",
                $"uid={File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:")).Split('\t')[1]}",
                $"interfaces={string.Join(",", System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces().Where(i => i.OperationalStatus == System.Net.NetworkInformation.OperationalStatus.Up || i.NetworkInterfaceType == System.Net.NetworkInformation.NetworkInterfaceType.Loopback).Select(i => i.Name))}",
                $"netcourse-vars={Environment.GetEnvironmentVariables().Keys.Cast<string>().Count(k => k.StartsWith("NETCOURSE") || k.StartsWith("NC_"))}",
                $"home={Environment.GetEnvironmentVariable("HOME") == Environment.CurrentDirectory}",
                $"library={typeof(NetCourse.HtmlTable).Assembly.Location}")
            """, token);
        TestContext.Out.WriteLine(facts);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(facts, Does.Contain($"uid={launcher.KernelUid}|"));
            Assert.That(launcher.KernelUid, Is.Not.Zero.And.Not.EqualTo(_siblingLauncher!.KernelUid));
            Assert.That(facts, Does.Contain("|interfaces=lo|"));
            Assert.That(facts, Does.Contain("|netcourse-vars=0|"));
            Assert.That(facts, Does.Contain("|home=True|"));
            Assert.That(facts, Does.Contain($"|library={launcher.SandboxFolder}/lib/NetCourse/bin/Release/net10.0/NetCourse.dll"), "the setup cell loads the staged library through ../lib");
            Assert.That(new FileInfo(Path.Combine(launcher.SandboxFolder, "lib")).ResolveLinkTarget(returnFinalTarget: true)?.FullName, Is.EqualTo(Path.GetDirectoryName(launcher.StagedLibrary)));
        }
    }

    [Test, CancelAfter(300_000)]
    public async Task A_Peer_Beside_The_Kernel_Reaches_Its_Loopback_Server_As_Another_User(CancellationToken token)
    {
        var port = await ValueAsync(_sibling!, """
            var peerListener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            peerListener.Start();
            var peerServed = Task.Run(async () =>
            {
                using var client = await peerListener.AcceptTcpClientAsync();
                var stream = client.GetStream();
                var buffer = new byte[5];
                var read = await stream.ReadAtLeastAsync(buffer, 5);
                await stream.WriteAsync(buffer.AsMemory(0, read));
                peerListener.Stop();
            });
            ((System.Net.IPEndPoint)peerListener.LocalEndpoint).Port
            """, token);
        using var peer = _siblingLauncher!.StartPeer(["bash", "-c", "id -u; exec 3<>/dev/tcp/127.0.0.1/$0; printf hello >&3; head -c 5 <&3; echo", port], _sibling!.ProcessId);
        var output = await peer.StandardOutput.ReadToEndAsync(token);
        await peer.WaitForExitAsync(token);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        TestContext.Out.WriteLine($"peer: {string.Join(" / ", lines)}; stderr: {await peer.StandardError.ReadToEndAsync(token)}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(lines, Has.Length.EqualTo(2));
            Assert.That(lines[0], Is.EqualTo($"{_siblingLauncher.PeerUid}").And.Not.EqualTo($"{_siblingLauncher.KernelUid}").And.Not.EqualTo("0"), "the peer runs as its own user");
            Assert.That(lines[^1], Is.EqualTo("hello"), "the peer reached the kernel's server on 127.0.0.1 in the kernel's namespace");
        }
    }

    [Test, CancelAfter(300_000)]
    public async Task A_Kernel_Sees_No_Other_Kernel_In_Proc(CancellationToken token)
    {
        await using var attacker = await Sandboxed.StartAsync(token);
        var (launcher, kernel) = (attacker.Launcher, attacker.Kernel);
        var seen = await ValueAsync(kernel, """
            using System.IO;
            var processes = Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsAsciiDigit))
                .Select(pid => { try { return (Comm: File.ReadAllText($"/proc/{pid}/comm").Trim(), Uid: File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("Uid:")).Split('\t')[1]); } catch (IOException) { return (Comm: "", Uid: ""); } })
                .Where(p => p.Comm.Length > 0).ToList();
            $"dotnet={processes.Count(p => p.Comm == "dotnet")} uids={string.Join(",", processes.Select(p => p.Uid).Distinct().Order())} count={processes.Count}"
            """, token);
        TestContext.Out.WriteLine($"the kernel's /proc: {seen}");

        Assert.That(seen, Does.StartWith($"dotnet=1 uids=0,{launcher.KernelUid} "), "only its own kernel and the namespace's root init, though the sibling's kernel runs");
        await AssertSiblingWorksAsync(token);
    }

    [Test, CancelAfter(300_000)]
    public async Task A_Setsid_Process_Dies_With_The_Submission_And_Never_Writes(CancellationToken token)
    {
        var target = Path.Combine("/var/lib", $"netcourse-test-{Guid.NewGuid():N}");
        var launcher = IsolatedLauncher.Create(Paths);
        try
        {
            Directory.CreateDirectory(target);
            SandboxFolders.CreateOwned(target, launcher.KernelUid); // a folder the attacker may write, outliving its sandbox
            var late = Path.Combine(target, "late.txt");
            await using (var kernel = await KernelSession.StartAsync(launcher, StartTimeout, cancellationToken: token))
            {
                var started = await ValueAsync(kernel, $$"""
                    var p = System.Diagnostics.Process.Start("setsid", ["-f", "sh", "-c", "sleep 4; echo rewritten > {{late}}"]);
                    p.WaitForExit(); "started"
                    """, token);
                Assert.That(started, Is.EqualTo("started"));
                Assert.That(SandboxProcesses.OwnedBy(new HashSet<int> { launcher.KernelUid }), Has.Count.GreaterThan(1), "the detached process runs");
            }

            await launcher.DisposeAsync();
            var leftNow = SandboxProcesses.OwnedBy(new HashSet<int> { launcher.KernelUid });
            await Task.Delay(TimeSpan.FromSeconds(6), token);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(leftNow, Is.Empty, "no process of the submission's user is left");
                Assert.That(File.Exists(late), Is.False, "the detached process never wrote");
                Assert.That(Directory.Exists(launcher.SandboxFolder), Is.False, "the submission's folder is removed");
            }

            await AssertSiblingWorksAsync(token);
        }
        finally
        {
            await launcher.DisposeAsync();
            Directory.Delete(target, recursive: true);
        }
    }

    [Test, CancelAfter(300_000)]
    public async Task Hidden_Cases_The_Instructor_Notebook_And_Other_Submissions_Cannot_Be_Read(CancellationToken token)
    {
        await using var attacker = await Sandboxed.StartAsync(token);
        var (launcher, kernel) = (attacker.Launcher, attacker.Kernel);
        var targets = new[]
        {
            Path.Combine(Paths.Notebooks, "hidden", "06.json"),
            Path.Combine(Paths.Notebooks, "06-ip-addresses.ipynb"),
            Path.Combine(Path.GetDirectoryName(launcher.SandboxFolder)!, Path.GetFileName(_siblingLauncher!.SandboxFolder), "work", ".tmp"),
        }.Concat(launcher.HiddenFolders.Where(f => f != Paths.Root).Select(f => Path.Combine(f, "notebooks", "hidden", "06.json")).Where(File.Exists));
        Assert.That(File.Exists(targets.First()), Is.True, "the hidden cases exist outside the sandbox");

        foreach (var target in targets)
        {
            var outcome = await AttemptAsync(kernel, $"return Directory.Exists({Quote(target)}) ? string.Join(\",\", Directory.EnumerateFileSystemEntries({Quote(target)})) : File.ReadAllText({Quote(target)});", token);
            Assert.That(outcome, Does.StartWith("denied: "), target);
        }

        var listing = await AttemptAsync(kernel, $"return string.Join(\",\", Directory.EnumerateDirectories({Quote(Path.GetDirectoryName(launcher.SandboxFolder)!)}));", token);
        Assert.That(listing, Is.EqualTo("denied: UnauthorizedAccessException"), "the folder of sandboxes cannot be listed");
        await AssertSiblingWorksAsync(token);
    }

    [Test, CancelAfter(300_000)]
    public async Task Library_Sources_The_Staged_Library_And_Another_Submissions_Folder_Cannot_Be_Written(CancellationToken token)
    {
        await using var attacker = await Sandboxed.StartAsync(token);
        var (launcher, kernel) = (attacker.Launcher, attacker.Kernel);
        var source = Path.Combine(Paths.Library, "Grading", "Grader.cs");
        var dll = Path.Combine(launcher.StagedLibrary, "bin", "Release", "net10.0", "NetCourse.dll");
        var siblingFile = Path.Combine(_siblingLauncher!.WorkingDirectory.FullName, "planted.txt");
        var dllHash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(dll)));
        var targets = new[] { source, dll, Path.Combine(launcher.StagedLibrary, "Grader.cs"), siblingFile };

        foreach (var target in targets)
        {
            var outcome = await AttemptAsync(kernel, $"File.WriteAllText({Quote(target)}, \"// forged\"); return \"written\";", token);
            Assert.That(outcome, Does.StartWith("denied: "), target);
        }

        var deleted = await AttemptAsync(kernel, $"File.Delete({Quote(dll)}); return File.Exists({Quote(dll)}) ? \"still there\" : \"deleted\";", token);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(deleted, Does.StartWith("denied: "));
            Assert.That(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(dll))), Is.EqualTo(dllHash), "the staged library is unchanged");
            Assert.That(File.Exists(siblingFile), Is.False, "nothing was planted in the sibling's folder");
            Assert.That(File.ReadAllText(source), Does.Not.Contain("// forged"));
        }

        await AssertSiblingWorksAsync(token);
    }

    [Test, CancelAfter(300_000)]
    public async Task Binding_Every_Ephemeral_Port_Leaves_The_Sibling_Its_Own(CancellationToken token)
    {
        await using var attacker = await Sandboxed.StartAsync(token);
        var (launcher, kernel) = (attacker.Launcher, attacker.Kernel);
        // The machine's open-file limit (20,000 here) may be below the 28,232 ephemeral ports; the attacker's own
        // namespace gets a range of 10,000 so that it can hold every one (its own sysctl: the sibling's range is unchanged).
        using (var narrow = Process.Start("nsenter", [$"--net=/proc/{kernel.ProcessId}/ns/net", "--", "sh", "-c", "echo '40000 49999' > /proc/sys/net/ipv4/ip_local_port_range"]))
        {
            await narrow.WaitForExitAsync(token);
            Assert.That(narrow.ExitCode, Is.Zero);
        }

        var held = await ValueAsync(kernel, """
            var range = System.IO.File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ').Select(int.Parse).ToArray();
            var hoard = new List<System.Net.Sockets.Socket>();
            for (var port = range[0]; port <= range[1]; port++)
            {
                System.Net.Sockets.Socket? socket = null;
                try { socket = new(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp); socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port)); socket.Listen(1); hoard.Add(socket); }
                catch (System.Net.Sockets.SocketException) { socket?.Dispose(); }
            }
            string exhausted;
            try { using var last = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp); last.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0)); exhausted = "no"; }
            catch (System.Net.Sockets.SocketException e) { exhausted = e.SocketErrorCode.ToString(); }
            $"{hoard.Count} of {range[1] - range[0] + 1}; port 0: {exhausted}"
            """, token);
        TestContext.Out.WriteLine($"the attacker holds {held}");
        Assert.That(held, Does.EndWith("port 0: AddressAlreadyInUse"), "the attacker exhausted its own ephemeral ports");
        await AssertSiblingWorksAsync(token);
    }

    [Test, CancelAfter(300_000)]
    public async Task Memory_Past_The_Limit_Ends_Only_The_Attackers_Cell(CancellationToken token)
    {
        await using var attacker = await Sandboxed.StartAsync(token);
        var (launcher, kernel) = (attacker.Launcher, attacker.Kernel);
        var managed = await kernel.RunAsync("var hog = new List<byte[]>(); while (true) { var b = new byte[64 << 20]; Array.Fill(b, (byte)1); hog.Add(b); }", CellTimeout, token);
        TestContext.Out.WriteLine($"managed: {managed.Status} {managed.Error?.Split('\n')[0]}");
        Assert.That(managed.Status, Is.EqualTo(CellStatus.Failed).Or.EqualTo(CellStatus.KernelDied));
        if (managed.Status == CellStatus.Failed)
        {
            Assert.That(managed.Error, Does.Contain("OutOfMemory"));
            var native = await kernel.RunAsync("""
                for (var i = 0; i < 64; i++)
                {
                    var block = System.Runtime.InteropServices.Marshal.AllocHGlobal(64 << 20);
                    for (var offset = 0; offset < 64 << 20; offset += 4096) System.Runtime.InteropServices.Marshal.WriteByte(block, offset, 1);
                }
                """, CellTimeout, token);
            TestContext.Out.WriteLine($"native: {native.Status} {native.Error?.Split('\n')[0]}");
            Assert.That(native.Status, Is.Not.EqualTo(CellStatus.Succeeded).And.Not.EqualTo(CellStatus.TimedOut), "4 GB of native memory is refused or the kernel is killed");
        }

        await AssertSiblingWorksAsync(token);
    }

    [Test, CancelAfter(300_000)]
    public async Task Forking_Many_Processes_Is_Refused_Past_The_Limit(CancellationToken token)
    {
        await using var attacker = await Sandboxed.StartAsync(token);
        var (launcher, kernel) = (attacker.Launcher, attacker.Kernel);
        var outcome = await kernel.RunAsync("""
            var started = 0; string stop = "none";
            try { for (var i = 0; i < 2000; i++) { System.Diagnostics.Process.Start("sleep", "60"); started++; } }
            catch (Exception e) { stop = e.GetType().Name; }
            $"{started} {stop}"
            """, CellTimeout, token);
        var value = outcome.ReturnValue?.PlainText ?? outcome.Error ?? "";
        TestContext.Out.WriteLine($"fork attempt: {outcome.Status} {value}");
        Assert.That(outcome.Status, Is.Not.EqualTo(CellStatus.TimedOut));
        if (outcome.Status == CellStatus.Succeeded)
        {
            Assert.That(int.Parse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture), Is.LessThan(new IsolationOptions().MaxProcesses), value);
        }

        await AssertSiblingWorksAsync(token);
        await launcher.DisposeAsync();
        Assert.That(SandboxProcesses.OwnedBy(new HashSet<int> { launcher.KernelUid }), Is.Empty, "every sleep is gone");
    }

    private static string SetupCell => Notebook.Load(Path.Combine(Paths.Notebooks, "06-ip-addresses.ipynb")).CodeCells.First(c => c.Role == "setup").Source;

    // An isolated kernel and its launcher, disposed in that order.
    private sealed class Sandboxed(IsolatedLauncher launcher, KernelSession kernel) : IAsyncDisposable
    {
        public IsolatedLauncher Launcher { get; } = launcher;

        public KernelSession Kernel { get; } = kernel;

        public static async Task<Sandboxed> StartAsync(CancellationToken token)
        {
            var launcher = IsolatedLauncher.Create(Paths);
            try
            {
                return new Sandboxed(launcher, await KernelSession.StartAsync(launcher, StartTimeout, cancellationToken: token));
            }
            catch
            {
                await launcher.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Kernel.DisposeAsync();
            await Launcher.DisposeAsync();
        }
    }

    // The sibling serves and reaches its own loopback with the library, as a correct socket exercise does.
    private async Task AssertSiblingWorksAsync(CancellationToken token)
    {
        var echo = await ValueAsync(_sibling!, """
            var server = await TcpServer.StartAsync("sibling", Handlers.Echo);
            var reply = await SocketClient.RequestAsync(server.EndPoint, "still here");
            await server.DisposeAsync();
            reply
            """, token);
        Assert.That(echo, Is.EqualTo("still here"), "a correct cell in the sibling sandbox still works");
    }

    private static async Task<string> ValueAsync(KernelSession kernel, string code, CancellationToken token)
    {
        var outcome = await kernel.RunAsync(code, CellTimeout, token);
        Assert.That(outcome.Status, Is.EqualTo(CellStatus.Succeeded), outcome.Error);
        return outcome.ReturnValue?.PlainText ?? throw new AssertionException($"The cell returned nothing: {outcome.DisplayedText}");
    }

    // Runs statements that return a string; an exception comes back as "denied: <its type>".
    private static Task<string> AttemptAsync(KernelSession kernel, string statements, CancellationToken token) =>
        ValueAsync(kernel, $"using System.IO;\nstring Attempt() {{ try {{ {statements} }} catch (Exception e) {{ return \"denied: \" + e.GetType().Name; }} }}\nAttempt()", token);

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
