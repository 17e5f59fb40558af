using System.Buffers.Binary;

namespace NetCourse.Tests.Capture;

public class PcapFileTests
{
    [TestCase(true, false)]
    [TestCase(false, false)]
    [TestCase(true, true)]
    public void Hand_Built_Ethernet_Capture_Is_Decoded(bool littleEndian, bool nanoseconds)
    {
        var frame = Frame.Encapsulate("GET / HTTP/1.1\r\n\r\n"u8.ToArray(), "192.0.2.10", "192.0.2.20", 49152, 80, sequence: 1000, acknowledgement: 5000);
        var capture = Pcap(littleEndian, nanoseconds, linkType: 1, (0, 0, frame.Bytes), (0, nanoseconds ? 1_500_000u : 1_500u, frame.Bytes));

        var segments = PcapFile.Parse(capture);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(segments, Has.Count.EqualTo(2));
            Assert.That(segments[0].Source.ToString(), Is.EqualTo("192.0.2.10:49152"));
            Assert.That(segments[0].Destination.ToString(), Is.EqualTo("192.0.2.20:80"));
            Assert.That(segments[0].Sequence, Is.EqualTo(1000));
            Assert.That(segments[0].Acknowledgement, Is.EqualTo(5000));
            Assert.That(segments[0].Flags, Is.EqualTo(TcpControlBits.Psh | TcpControlBits.Ack));
            Assert.That(segments[0].PayloadLength, Is.EqualTo(18));
            Assert.That(segments[1].Time, Is.EqualTo(TimeSpan.FromMilliseconds(1.5)));
        }
    }

    [Test]
    public void Linux_Cooked_V2_Capture_Is_Decoded()
    {
        var ip = Frame.Encapsulate("x"u8.ToArray()).Bytes[14..];
        var sll2 = new byte[20 + ip.Length];
        BinaryPrimitives.WriteUInt16BigEndian(sll2, 0x0800);
        ip.CopyTo(sll2, 20);

        var segment = PcapFile.Parse(Pcap(true, false, 276, (0, 0, sll2))).Single();

        Assert.That(segment.PayloadLength, Is.EqualTo(1));
    }

    [Test]
    public void Pcapng_Or_Garbage_Is_Rejected_With_The_Magic() =>
        Assert.That(() => PcapFile.Parse(new byte[24] { 0x0a, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("0x0a0d0d0a"));

    [Test]
    public void Truncated_Record_Is_Rejected()
    {
        var capture = Pcap(true, false, 1, (0, 0, new byte[60]));

        Assert.That(() => PcapFile.Parse(capture.AsSpan(0, capture.Length - 10)), Throws.TypeOf<InvalidDataException>().With.Message.Contains("claims 60 bytes"));
    }

    [Test, CancelAfter(20_000)]
    public async Task Real_Capture_Shows_One_Syn_One_Syn_Ack_And_Consistent_Numbers(CancellationToken token)
    {
        if (PacketCapture.Unavailable is { } reason)
        {
            Assert.Ignore($"Capture not possible here: {reason}.");
        }

        var diagram = await CapturedConnection.RecordAsync("hello", token);
        var s = diagram.Segments;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(diagram.Count(TcpControlBits.Syn), Is.EqualTo(1));
            Assert.That(diagram.Count(TcpControlBits.Syn | TcpControlBits.Ack), Is.EqualTo(1));
            Assert.That(s[0].Flags, Is.EqualTo(TcpControlBits.Syn));
            Assert.That(s[1].Flags, Is.EqualTo(TcpControlBits.Syn | TcpControlBits.Ack));
            Assert.That(s[2].Flags, Is.EqualTo(TcpControlBits.Ack));
            Assert.That(s[1].Acknowledgement, Is.EqualTo(s[0].Sequence + 1), "SYN-ACK acknowledges the client's ISN + 1");
            Assert.That(s[2].Acknowledgement, Is.EqualTo(s[1].Sequence + 1), "ACK acknowledges the server's ISN + 1");
            Assert.That(diagram.RelativeSequence(s[2]), Is.EqualTo(1));
            Assert.That(s.Where(x => x.PayloadLength > 0).Select(x => x.PayloadLength), Is.EqualTo(new[] { 5, 5 }), "hello and its echo");
            Assert.That(s.Count(x => x.Flags.HasFlag(TcpControlBits.Fin)), Is.EqualTo(2), "one FIN each way");
            Assert.That(diagram.Note, Is.Null, "a live capture carries no label");
        }
    }

    [Test]
    public void Record_Shorter_Than_Its_Ip_Header_Is_Invalid_Data()
    {
        var frame = Frame.Encapsulate("x").Bytes;
        frame[14] = 0x4f; // IHL 15: a 60-byte IP header, longer than the 21 bytes that follow the Ethernet header

        Assert.That(() => PcapFile.Parse(Pcap(true, false, 1, (0, 0, frame))), Throws.TypeOf<InvalidDataException>().With.Message.Contains("60"));
    }

    [Test]
    public void Captured_Length_Of_0xFFFFFFFF_Is_Invalid_Data()
    {
        var capture = Pcap(true, false, 1, (0, 0, new byte[60]));
        BinaryPrimitives.WriteUInt32LittleEndian(capture.AsSpan(24 + 8), 0xFFFFFFFF);

        Assert.That(() => PcapFile.Parse(capture), Throws.TypeOf<InvalidDataException>().With.Message.Contains("4294967295"));
    }

    [Test]
    public void Ipv4_Fragment_After_The_First_Is_Not_A_Tcp_Segment()
    {
        var frame = Frame.Encapsulate("abc").Bytes;
        frame[14 + 6] = 0x00;
        frame[14 + 7] = 0xb9; // fragment offset 185 (1480 bytes): the bytes after the IP header are not a TCP header

        var capture = PcapFile.Parse(Pcap(true, false, 1, (0, 0, frame)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(capture, Is.Empty);
            Assert.That(capture.Skipped, Is.EqualTo(new Dictionary<string, int> { ["IPv4 fragment after the first"] = 1 }));
        }
    }

    [Test]
    public void Vlan_Tags_Ipv6_Extension_Headers_And_Short_Snap_Lengths_Are_Counted_As_Skipped()
    {
        var frame = Frame.Encapsulate("abc").Bytes;
        byte[] vlan = [.. frame[..12], 0x81, 0x00, 0x00, 0x64, .. frame[12..]];
        var ipv6 = new byte[14 + 40 + 8 + 20];
        ipv6[12] = 0x86;
        ipv6[13] = 0xdd;
        ipv6[14] = 0x60;
        ipv6[14 + 5] = 28;
        ipv6[14 + 6] = 0; // hop-by-hop options before TCP
        ipv6[14 + 40] = 6;
        var cut = frame[..40]; // a snap length of 40 cuts the TCP header

        var bytes = Pcap(true, false, 1, (0, 0, frame), (0, 1, vlan), (0, 2, ipv6), (0, 3, ipv6), (0, 4, cut));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - cut.Length - 4), (uint)frame.Length); // the original length on the wire

        var capture = PcapFile.Parse(bytes);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(capture, Has.Count.EqualTo(1));
            Assert.That(capture.Skipped, Is.EqualTo(new Dictionary<string, int>
            {
                ["802.1Q VLAN tag"] = 1,
                ["IPv6 extension header before TCP"] = 2,
                ["cut short by the snap length"] = 1,
            }));
            Assert.That(capture.ToString(), Does.Contain("4 packets skipped"));
        }
    }

    private static byte[] Pcap(bool littleEndian, bool nanoseconds, uint linkType, params (uint Seconds, uint Fraction, byte[] Data)[] records)
    {
        using var stream = new MemoryStream();
        void U32(uint v)
        {
            var b = new byte[4];
            if (littleEndian)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(b, v);
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(b, v);
            }

            stream.Write(b);
        }

        void U16(ushort v) => stream.Write(littleEndian ? [(byte)v, (byte)(v >> 8)] : [(byte)(v >> 8), (byte)v]);
        U32(nanoseconds ? 0xa1b23c4du : 0xa1b2c3d4u);
        U16(2);
        U16(4);
        U32(0);
        U32(0);
        U32(65535);
        U32(linkType);
        foreach (var (seconds, fraction, data) in records)
        {
            U32(seconds);
            U32(fraction);
            U32((uint)data.Length);
            U32((uint)data.Length);
            stream.Write(data);
        }

        return stream.ToArray();
    }
}
