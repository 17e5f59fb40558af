using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace NetCourse.Tests.Interop;

/// <summary><see cref="PcapFile"/> against captures written by the real tcpdump on loopback, compared field by field with tshark.</summary>
[Category("Interop")]
[NonParallelizable] // captures on lo see every test's loopback traffic; the filter keeps only ours, the load does not matter
public class PcapInteropTests
{
    [Test, CancelAfter(120_000)]
    public async Task Every_Segment_Matches_Tshark_Field_By_Field(CancellationToken token)
    {
        var (tcpdump, tshark) = RequireCapture();
        var file = Path.Combine(Path.GetTempPath(), $"netcourse-interop-{Guid.NewGuid():N}.pcap");
        try
        {
            await CaptureAsync(tcpdump, file, snapLength: 262144, token);

            var capture = PcapFile.Read(file);
            var expected = Tshark(tshark, file);

            Assert.That(capture, Has.Count.EqualTo(expected.Count), "one segment per TCP packet tshark sees");
            Assert.That(expected.Count(e => e.Source.AddressFamily == AddressFamily.InterNetworkV6), Is.GreaterThan(0), "the capture holds IPv6 too");
            using (Assert.EnterMultipleScope())
            {
                for (var i = 0; i < expected.Count; i++)
                {
                    var (s, e) = (capture[i], expected[i]);
                    var at = $"packet {i + 1}";
                    Assert.That(s.Source, Is.EqualTo(e.Source), at);
                    Assert.That(s.Destination, Is.EqualTo(e.Destination), at);
                    Assert.That(s.Sequence, Is.EqualTo(e.Sequence), at);
                    Assert.That((int)s.Flags, Is.EqualTo(e.Flags), at);
                    if (s.Flags.HasFlag(TcpControlBits.Ack))
                    {
                        Assert.That(s.Acknowledgement, Is.EqualTo(e.Acknowledgement), at);
                    }

                    Assert.That(s.Window, Is.EqualTo(e.Window), at);
                    Assert.That(s.PayloadLength, Is.EqualTo(e.Length), at);
                    Assert.That(s.Time.TotalSeconds, Is.EqualTo(e.Time).Within(2e-6), at);
                }

                Assert.That(capture.Skipped, Is.Empty);
                Assert.That(capture.Count(s => s.Flags == TcpControlBits.Syn), Is.EqualTo(2), "both connections, IPv4 and IPv6");
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test, CancelAfter(120_000)]
    public async Task Packets_Cut_By_A_Short_Snap_Length_Are_Counted_As_Skipped(CancellationToken token)
    {
        var (tcpdump, tshark) = RequireCapture();
        var file = Path.Combine(Path.GetTempPath(), $"netcourse-interop-{Guid.NewGuid():N}.pcap");
        try
        {
            // 60 bytes: Ethernet (14) + IPv4 (20) leave 26 bytes, enough for the fixed 20 of the TCP header;
            // Ethernet + IPv6 (40) leave 6, so every IPv6 packet is cut inside its TCP header.
            await CaptureAsync(tcpdump, file, snapLength: 60, token);

            var capture = PcapFile.Read(file);
            int Frames(string filter) => Tools.Run(tshark, ["-r", file, "-Y", filter, "-T", "fields", "-e", "frame.number"], TimeSpan.FromSeconds(60))
                .Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            var (v4, v6) = (Frames("ip"), Frames("ipv6"));

            using (Assert.EnterMultipleScope())
            {
                Assert.That(v6, Is.GreaterThan(0));
                Assert.That(capture, Has.Count.EqualTo(v4), "an IPv4 packet keeps its fixed TCP header");
                Assert.That(capture.Skipped, Is.EqualTo(new Dictionary<string, int> { ["cut short by the snap length"] = v6 }));
                Assert.That(capture.SkippedNote, Does.Contain($"{v6} packets skipped: cut short by the snap length ({v6})"));
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static (string Tcpdump, string Tshark) RequireCapture()
    {
        var tcpdump = Tools.Require("tcpdump");
        var tshark = Tools.Require("tshark");
        if (PacketCapture.Unavailable is { } reason)
        {
            Assert.Inconclusive($"tcpdump cannot capture here: {reason}.");
        }

        return (tcpdump, tshark);
    }

    /// <summary>Captures one IPv4 connection (200 kB echoed) and one IPv6 connection ("hello" echoed) on lo.</summary>
    private static async Task CaptureAsync(string tcpdump, string file, int snapLength, CancellationToken token)
    {
        await using var v4 = await TcpServer.StartAsync($"pcap-v4-{Guid.NewGuid()}", Handlers.Echo, cancellationToken: token);
        await using var v6 = await TcpServer.StartAsync($"pcap-v6-{Guid.NewGuid()}", Handlers.Echo, IPAddress.IPv6Loopback, cancellationToken: token);
        using var capture = Tools.Start(tcpdump,
            ["-i", "lo", "-n", "-U", "--immediate-mode", "-s", snapLength.ToString(CultureInfo.InvariantCulture), "-w", file,
             $"tcp port {v4.EndPoint.Port} or tcp port {v6.EndPoint.Port}"]);
        try
        {
            await WaitForListeningAsync(capture, token);
            await EchoAsync(v4.EndPoint, 200_000, token);
            await EchoAsync(v6.EndPoint, 5, token);
            await Task.Delay(300, token); // -U writes each packet as it comes; let the last ones reach the file
            using (var interrupt = Process.Start("kill", ["-INT", capture.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync(token).WaitAsync(TimeSpan.FromSeconds(10), token);
            }

            await capture.WaitForExitAsync(token).WaitAsync(TimeSpan.FromSeconds(10), token);
        }
        finally
        {
            Tools.Kill(capture);
        }
    }

    private static async Task WaitForListeningAsync(Process tcpdump, CancellationToken token)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(token);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        while (await tcpdump.StandardError.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.Contains("listening on", StringComparison.Ordinal))
            {
                return;
            }
        }

        Assert.Fail("tcpdump ended before it listened.");
    }

    private static async Task EchoAsync(IPEndPoint server, int size, CancellationToken token)
    {
        var data = new byte[size];
        Random.Shared.NextBytes(data);
        using var client = await SocketClient.ConnectAsync(server, TimeSpan.FromSeconds(10), token);
        var echo = SocketClient.ReceiveExactlyAsync(client, size, TimeSpan.FromSeconds(30), token);
        await SocketClient.SendAllAsync(client, data, TimeSpan.FromSeconds(30), token);
        Assert.That(await echo, Is.EqualTo(data));
        client.Shutdown(SocketShutdown.Send);
        await SocketClient.ReceiveUntilClosedAsync(client, TimeSpan.FromSeconds(10), cancellationToken: token);
    }

    private static List<Expected> Tshark(string tshark, string file)
    {
        string[] fields = ["ip.src", "ipv6.src", "tcp.srcport", "ip.dst", "ipv6.dst", "tcp.dstport", "tcp.seq_raw", "tcp.ack_raw", "tcp.flags", "tcp.window_size_value", "tcp.len", "frame.time_relative"];
        var run = Tools.Run(tshark, ["-r", file, "-Y", "tcp", "-T", "fields", "-E", "separator=,", .. fields.SelectMany(f => new[] { "-e", f })], TimeSpan.FromSeconds(60));
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        return [.. run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var f = line.Split(',');
            IPEndPoint End(int v4, int v6, int port) => new(IPAddress.Parse(f[v4].Length > 0 ? f[v4] : f[v6]), int.Parse(f[port], CultureInfo.InvariantCulture));
            return new Expected(
                End(0, 1, 2), End(3, 4, 5), uint.Parse(f[6], CultureInfo.InvariantCulture), f[7].Length > 0 ? uint.Parse(f[7], CultureInfo.InvariantCulture) : 0,
                Convert.ToInt32(f[8], 16) & 0xFF, int.Parse(f[9], CultureInfo.InvariantCulture), int.Parse(f[10], CultureInfo.InvariantCulture),
                double.Parse(f[11], CultureInfo.InvariantCulture));
        })];
    }

    private sealed record Expected(IPEndPoint Source, IPEndPoint Destination, uint Sequence, uint Acknowledgement, int Flags, int Window, int Length, double Time);
}
