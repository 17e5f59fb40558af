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
}
