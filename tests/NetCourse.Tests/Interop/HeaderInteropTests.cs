using System.Text;
using System.Text.Json;

namespace NetCourse.Tests.Interop;

/// <summary>The headers the course builds, read by scapy (an independent implementation), and scapy's packets read by the course.</summary>
[Category("Interop")]
public class HeaderInteropTests
{
    [Test, CancelAfter(60_000)]
    public void Scapy_Reads_An_Encapsulated_Frame_As_Built()
    {
        var frame = Frame.Encapsulate(Encoding.UTF8.GetBytes("GET / HTTP/1.1\r\n\r\n"), "192.0.2.10", "198.51.100.20", 49152, 80, 1000, 5000);

        var scapy = Scapy(new { kind = "frame", hex = Convert.ToHexString(frame.Bytes) })[0];
        var ip = scapy.GetProperty("ip");
        var tcp = scapy.GetProperty("tcp");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scapy.GetProperty("type").GetInt32(), Is.EqualTo(0x0800));
            Assert.That(ip.GetProperty("len").GetInt32(), Is.EqualTo(frame.IpTotalLength));
            Assert.That(ip.GetProperty("ttl").GetInt32(), Is.EqualTo(64));
            Assert.That(ip.GetProperty("proto").GetInt32(), Is.EqualTo(6));
            Assert.That(ip.GetProperty("df").GetBoolean(), Is.True);
            Assert.That(ip.GetProperty("src").GetString(), Is.EqualTo("192.0.2.10"));
            Assert.That(ip.GetProperty("dst").GetString(), Is.EqualTo("198.51.100.20"));
            Assert.That(scapy.GetProperty("ip_chksum_ok").GetBoolean(), Is.True, "scapy computes the same IPv4 checksum");
            Assert.That(tcp.GetProperty("sport").GetInt32(), Is.EqualTo(49152));
            Assert.That(tcp.GetProperty("dport").GetInt32(), Is.EqualTo(80));
            Assert.That(tcp.GetProperty("seq").GetUInt32(), Is.EqualTo(1000));
            Assert.That(tcp.GetProperty("ack").GetUInt32(), Is.EqualTo(5000));
            Assert.That(tcp.GetProperty("flags").GetInt32(), Is.EqualTo((int)(TcpControlBits.Psh | TcpControlBits.Ack)));
            Assert.That(tcp.GetProperty("dataofs").GetInt32(), Is.EqualTo(20));
            Assert.That(scapy.GetProperty("tcp_chksum_ok").GetBoolean(), Is.True, "scapy computes the same TCP checksum");
            Assert.That(scapy.GetProperty("payload").GetString(), Is.EqualTo(Convert.ToHexString(frame.Payload).ToLowerInvariant()));
        }
    }

    [TestCase(0, false, 0, 64)]
    [TestCase(0xb8, true, 1480, 1)]
    [TestCase(0x03, false, 65528, 255)]
    [CancelAfter(60_000)]
    public void Scapy_Reads_Ipv4_Headers_As_Written_And_Agrees_On_The_Checksum(int tos, bool moreFragments, int offset, int ttl)
    {
        var header = Ipv4Header.For(100, 17, "10.1.2.3", "10.4.5.6", ttl, identification: 0xbeef, dontFragment: !moreFragments)
            with { TypeOfService = tos, MoreFragments = moreFragments, FragmentOffset = offset };
        var bytes = header.ToBytes();

        var scapy = Scapy(new { kind = "ip", hex = Convert.ToHexString(bytes) })[0];
        var f = scapy.GetProperty("fields");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(f.GetProperty("tos").GetInt32(), Is.EqualTo(tos));
            Assert.That(f.GetProperty("mf").GetBoolean(), Is.EqualTo(moreFragments));
            Assert.That(f.GetProperty("df").GetBoolean(), Is.EqualTo(!moreFragments));
            Assert.That(f.GetProperty("frag").GetInt32(), Is.EqualTo(offset));
            Assert.That(f.GetProperty("ttl").GetInt32(), Is.EqualTo(ttl));
            Assert.That(f.GetProperty("id").GetInt32(), Is.EqualTo(0xbeef));
            Assert.That(f.GetProperty("len").GetInt32(), Is.EqualTo(120));
            Assert.That(f.GetProperty("chksum").GetInt32(), Is.EqualTo(scapy.GetProperty("recomputed").GetInt32()), "scapy's checksum for these bytes");
            Assert.That(Ipv4Header.Parse(bytes) with { Checksum = 0 }, Is.EqualTo(header with { Checksum = 0, ChecksumValid = true }), "and it reads back");
        }
    }

    [Test, CancelAfter(60_000)]
    public void Internet_Checksum_Agrees_With_Scapy_On_Odd_Even_And_Large_Data()
    {
        var random = new Random(20);
        List<byte[]> inputs = [[], [0xab], new byte[140_000], new byte[200_001]];
        Array.Fill(inputs[2], (byte)0xFF);
        random.NextBytes(inputs[3]);
        for (var n = 1; n < 40; n += 7)
        {
            var data = new byte[n];
            random.NextBytes(data);
            inputs.Add(data);
        }

        var scapy = Scapy([.. inputs.Select(d => new { kind = "checksum", hex = Convert.ToHexString(d) })]);

        Assert.That(inputs.Select(d => (int)InternetChecksum.Compute(d)), Is.EqualTo(scapy.Select(s => s.GetProperty("checksum").GetInt32())));
    }

    [Test, CancelAfter(60_000)]
    public void Frames_Built_By_Scapy_Are_Read_With_Options_And_Padding_In_Their_Place()
    {
        var built = Scapy(new { kind = "built" })[0];
        var syn = Frame.Parse(Convert.FromHexString(built.GetProperty("syn").GetString()!));
        var ack = Frame.Parse(Convert.FromHexString(built.GetProperty("padded_ack").GetString()!));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(syn.TcpHeaderLength, Is.EqualTo(40), "MSS, SACK permitted, timestamps, NOP, window scale");
            Assert.That(syn.Payload.Length, Is.Zero);
            Assert.That(syn.ChecksumsValid, Is.True);
            Assert.That(TcpHeader.Parse(syn.Bytes.AsSpan(34)).Flags, Is.EqualTo(TcpControlBits.Syn));
            Assert.That(ack.Bytes, Has.Length.EqualTo(60));
            Assert.That(ack.Payload.Length, Is.Zero, "the 6 bytes of Ethernet padding are not payload");
            Assert.That(ack.ChecksumsValid, Is.True);
        }
    }

    [Test, CancelAfter(60_000)]
    public void Tcp_Segment_Checksum_Agrees_With_Scapy()
    {
        var header = TcpHeader.For(40000, 443, 0xfffffff0, 77, TcpControlBits.Ack | TcpControlBits.Fin, window: 501);
        var segment = header.Segment("203.0.113.5", "192.0.2.99", "odd-length payload!"u8);
        var ip = Ipv4Header.For(segment.Length, 6, "203.0.113.5", "192.0.2.99").ToBytes();
        var ethernet = new EthernetHeader("02:00:00:00:00:20", "02:00:00:00:00:10", EthernetHeader.Ipv4).ToBytes();

        var scapy = Scapy(new { kind = "frame", hex = Convert.ToHexString([.. ethernet, .. ip, .. segment]) })[0];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scapy.GetProperty("tcp_chksum_ok").GetBoolean(), Is.True);
            Assert.That(scapy.GetProperty("tcp").GetProperty("seq").GetUInt32(), Is.EqualTo(0xfffffff0));
            Assert.That(scapy.GetProperty("tcp").GetProperty("window").GetInt32(), Is.EqualTo(501));
            Assert.That(scapy.GetProperty("tcp").GetProperty("flags").GetInt32(), Is.EqualTo(0x11));
        }
    }

    private static JsonElement[] Scapy(params object[] tasks)
    {
        var python = Tools.Python("scapy");
        var run = Tools.Run(python, [Path.Combine(Tools.Scripts, "scapy_check.py")], TimeSpan.FromSeconds(50), JsonSerializer.Serialize(tasks));
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        return [.. JsonDocument.Parse(run.Stdout).RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
