using System.Text;

namespace NetCourse.Tests.Layers;

public class FrameTests
{
    private const string Message = "GET / HTTP/1.1\r\nHost: example\r\n\r\n";

    [Test]
    public void Encapsulated_Frame_Has_54_Bytes_Of_Headers_And_Valid_Checksums()
    {
        var frame = Frame.Encapsulate(Message);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(frame.Bytes, Has.Length.EqualTo(54 + Message.Length));
            Assert.That(frame.ChecksumsValid, Is.True);
            Assert.That(InternetChecksum.Compute(frame.Bytes.AsSpan(14, 20)), Is.Zero);
        }
    }

    [Test]
    public void Parse_Of_Built_Frame_Gives_Back_The_Payload()
    {
        var frame = Frame.Encapsulate(Message);

        var parsed = Frame.Parse(frame.Bytes);

        Assert.That(Encoding.UTF8.GetString(parsed.Payload), Is.EqualTo(Message));
    }

    [Test]
    public void Ip_Header_Inside_The_Frame_Says_Tcp_And_The_Right_Total_Length()
    {
        var frame = Frame.Encapsulate(Encoding.UTF8.GetBytes(Message), sourceIp: "192.0.2.1", destinationIp: "198.51.100.7");

        var ip = Ipv4Header.Parse(frame.Bytes.AsSpan(14));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ip.Protocol, Is.EqualTo(6));
            Assert.That(ip.TotalLength, Is.EqualTo(40 + Message.Length));
            Assert.That(ip.Source, Is.EqualTo("192.0.2.1"));
            Assert.That(ip.Destination, Is.EqualTo("198.51.100.7"));
            Assert.That(ip.ChecksumValid, Is.True);
        }
    }

    [Test]
    public void Tcp_Checksum_Matches_An_Independent_Pseudo_Header_Sum()
    {
        var bytes = Frame.Encapsulate(Message).Bytes;
        var segment = bytes.AsSpan(34).ToArray();
        var pseudo = new byte[12 + segment.Length];
        bytes.AsSpan(26, 8).CopyTo(pseudo); // source and destination addresses
        pseudo[9] = 6;
        pseudo[10] = (byte)(segment.Length >> 8);
        pseudo[11] = (byte)segment.Length;
        segment.CopyTo(pseudo, 12);
        var sent = (ushort)(segment[16] << 8 | segment[17]);
        pseudo[12 + 16] = pseudo[12 + 17] = 0;

        Assert.That(InternetChecksum.Compute(pseudo), Is.EqualTo(sent));
    }

    [Test]
    public void Flipped_Payload_Bit_Fails_The_Tcp_Checksum()
    {
        var bytes = (byte[])Frame.Encapsulate(Message).Bytes.Clone();
        bytes[^3] ^= 0x01;

        Assert.That(Frame.Parse(bytes).ChecksumsValid, Is.False);
    }

    [Test]
    public void Too_Short_Frame_Is_Rejected_Naming_Its_Length() =>
        Assert.That(() => Frame.Parse(new byte[20]), Throws.ArgumentException.With.Message.Contains("20 bytes"));

    [Test]
    public void Oversized_Payload_Is_Rejected_Naming_Its_Size() =>
        Assert.That(() => Frame.Encapsulate(new byte[1461]), Throws.ArgumentException.With.Message.Contains("1461"));

    [Test]
    public void Each_Layer_Table_Has_Its_Fields()
    {
        var frame = Frame.Encapsulate(Message);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(frame.Layer("Ethernet").Rows, Has.Count.EqualTo(3));
            Assert.That(frame.Layer("IPv4").Rows, Has.Count.EqualTo(10));
            Assert.That(frame.Layer("TCP").Rows, Has.Count.EqualTo(9));
            Assert.That(() => frame.Layer("QUIC"), Throws.ArgumentException.With.Message.Contains("QUIC"));
        }
    }

    [Test]
    public void Tcp_Layer_Names_Its_Flags_In_Upper_Case_And_What_The_Checksum_Covers()
    {
        var rows = Frame.Encapsulate(Message).Layer("TCP").Rows;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rows.Single(r => r[1] == "flags")[3], Is.EqualTo("0x18 = PSH-ACK"));
            Assert.That(rows.Single(r => r[1] == "checksum")[3], Does.Contain("IP addresses, protocol number, TCP length"));
        }
    }

    [Test]
    public void Syn_With_Options_Has_No_Payload_And_Valid_Checksums()
    {
        var frame = Frame.Parse(SynWithOptions());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(frame.Payload.Length, Is.Zero, "the 20 option bytes belong to the TCP header");
            Assert.That(frame.ChecksumsValid, Is.True);
            Assert.That(frame.Fields().Single(f => f.Name == "application data").Bytes, Is.EqualTo("0 bytes"));
        }
    }

    [Test]
    public void Ethernet_Padding_Is_Not_Payload_And_Checksums_Stay_Valid()
    {
        var ack = Frame.Encapsulate([]).Bytes;
        byte[] padded = [.. ack, 0, 0, 0, 0, 0, 0]; // an Ethernet frame is at least 60 bytes without FCS

        var frame = Frame.Parse(padded);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(frame.Bytes, Has.Length.EqualTo(60));
            Assert.That(frame.Payload.Length, Is.Zero);
            Assert.That(frame.ChecksumsValid, Is.True);
        }
    }

    [Test]
    public void Ip_Total_Length_Longer_Than_The_Frame_Is_Rejected()
    {
        var bytes = Frame.Encapsulate("abc").Bytes[..^1];

        Assert.That(() => Frame.Parse(bytes), Throws.ArgumentException.With.Message.Contains("total length 43"));
    }

    // A Linux SYN: 20 bytes of TCP options (MSS, SACK permitted, timestamps, NOP, window scale), no data.
    private static byte[] SynWithOptions()
    {
        var options = Convert.FromHexString("0204ffd70402080a0001e2400000000001030307");
        var tcp = new byte[40];
        TcpHeader.For(40000, 80, 12345, 0, TcpControlBits.Syn, 65495).ToBytes().CopyTo(tcp, 0);
        tcp[12] = 10 << 4;
        options.CopyTo(tcp, 20);
        var checksum = TcpHeader.ComputeChecksum("127.0.0.1", "127.0.0.1", tcp);
        tcp[16] = (byte)(checksum >> 8);
        tcp[17] = (byte)checksum;
        var ip = Ipv4Header.For(tcp.Length, 6, "127.0.0.1", "127.0.0.1").ToBytes();
        var ethernet = new EthernetHeader("00:00:00:00:00:00", "00:00:00:00:00:00", EthernetHeader.Ipv4).ToBytes();
        return [.. ethernet, .. ip, .. tcp];
    }
}
