using System.Text.RegularExpressions;

namespace NetCourse.Notebooks.Tests.Lessons;

public class HostsLessonTests() : LessonFixture("05-hosts.ipynb")
{
    [Test]
    public void Localhost_Resolves_To_Loopback() =>
        Assert.That(Shown("Dns.GetHostAddressesAsync(\"localhost\""), Does.Match("localhost resolves to \\d+ address").And.Match("127\\.0\\.0\\.1|::1").And.Contain("Loopback"));

    [Test]
    public void Reverse_Lookup_Of_Loopback_Gives_A_Name() => Assert.That(Value("Dns.GetHostEntryAsync(\"127.0.0.1\""), Does.Match(@"^127\.0\.0\.1 is named \S+"));

    [Test]
    public void Loopback_Server_Accepts_Loopback_And_Refuses_The_Interface_Address()
    {
        var text = Value("TcpServer.StartAsync(\"loopback-only\"");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(text, Does.Match(@"127\.0\.0\.1:\d+ \| 127\.0\.0\.1:\d+ \| accepted"));
            Assert.That(text, Does.Match(@"\| \d+\.\d+\.\d+\.\d+:\d+ \| failed: ConnectionRefused").Or.Contain("(this machine has no non-loopback IPv4 address) | not tried"));
        }
    }

    [Test]
    public void Special_Addresses_Are_Classified() =>
        Assert.That(Shown("AddressClassifier.Describe("), Does.Contain("Unspecified").And.Contain("Private").And.Contain("Multicast").And.Contain("SharedCgnat").And.Contain("Documentation"));

    [Test]
    public void Host_Name_Is_Given_In_A_Sentence() => Assert.That(Value("Dns.GetHostName()"), Does.Match(@"^This machine is named \S+\.$"));

    [Test]
    public void Interface_Table_Includes_The_Loopback_Interface() => Assert.That(Shown("InterfaceTable.Read()"), Does.Contain("Loopback").And.Contain("127.0.0.1"));
}

public class IpAddressesLessonTests() : LessonFixture("06-ip-addresses.ipynb")
{
    [Test]
    public void Broadcast_Of_192_168_1_77_Slash_26_Is_192_168_1_127()
    {
        var html = Shown("Ipv4Prefix.Parse(\"192.168.1.77/26\")");

        Assert.That(html, Does.Contain("192.168.1.127").And.Contain("192.168.1.64").And.Contain("62 host addresses"));
    }

    [Test]
    public void IPAddress_Parse_Accepts_The_Shorthand_The_Strict_Parser_Rejects()
    {
        var text = Value("IPAddress.TryParse(text, out var parsed)");

        Assert.That(text, Does.Match(@"1\.2\.3 \| [^|]*four numbers[^|]* \| 1\.2\.0\.3").And.Match(@"127\.1 \| [^|]* \| 127\.0\.0\.1").And.Match(@"010\.0\.0\.1 \| [^|]* \| 8\.0\.0\.1").And.Match(@"256\.1\.1\.1 \| [^|]* \| rejected"));
    }

    [Test]
    public void Prefix_Table_Has_A_Slash_32_Row_And_Grouped_Host_Counts() =>
        Assert.That(Value("var compare = new HtmlTable"), Does.Contain("192.168.1.77/32 | 192.168.1.77 | 192.168.1.77 | 192.168.1.77 | none | 1").And.Contain("16,777,214"));

    [Test]
    public void Ipv6_Is_Shown_In_Full_And_Short() =>
        Assert.That(Value("var v6 = IPAddress.Parse"), Does.Contain("2001:0db8:0000:0000:0000:8a2e:0370:7334 | 2001:db8::8a2e:370:7334 | 128"));

    [Test]
    public void Malformed_Addresses_Are_Rejected_With_The_Value_Named() =>
        Assert.That(Shown("\"256.1.1.1\""), Does.Contain("&#39;256.1.1.1&#39; is not an IPv4 address").Or.Contain("'256.1.1.1' is not an IPv4 address"));

    [Test]
    public void Loopback_Ping_Is_Answered_Or_Explained() =>
        Assert.That(Shown("Pinger.PingAsync(\"127.0.0.1\""), Does.Contain("4 of 4 answered").Or.Contain("ICMP not available"));
}

public class PortsAndServicesLessonTests() : LessonFixture("07-ports-and-services.ipynb")
{
    [Test]
    public void Ssh_Is_22_And_Mysql_Is_3306()
    {
        var html = Shown("ServiceDirectory.System.Describe(");

        Assert.That(html, Does.Match("ssh</td><td[^>]*>22<").And.Match("mysql</td><td[^>]*>3306<"));
    }

    [Test]
    public void Port_Outside_The_Range_Is_Rejected_By_Name() => Assert.That(Shown("Ports.Classify(port)"), Does.Contain("Port 70000 is outside 0-65535."));

    [Test]
    public void The_Lesson_Server_Is_In_The_Listening_Table() => Assert.That(Shown("TcpTable.Read().Where(e => e.State == TcpConnectionState.Listen"), Does.Contain("127.0.0.1:").And.Contain("Listen"));

    [Test]
    public void Missing_Services_File_Falls_Back_To_The_Built_In_Table()
    {
        var html = Shown("ServiceDirectory.Load(\"/no/such/services\")");

        Assert.That(html, Does.Match("ssh</td><td[^>]*>22<").And.Contain("built-in table").And.Not.Contain("/etc/services"));
    }

    [Test]
    public void Port_443_Is_Named_In_A_Sentence() => Assert.That(Value("ServiceDirectory.System.NameOf(443)"), Does.StartWith("Port 443/tcp is https (answered by "));

    [Test]
    public void Client_Port_Lies_In_The_Ephemeral_Range() => Assert.That(Value("TcpServer.StartAsync(\"ephemeral-demo\""), Does.Match(@"^The client was given port \d+: inside the range \d+–\d+\.$"));

    [Test]
    public void Closed_Server_Leaves_No_Listener() => Assert.That(Value("await first.DisposeAsync();"), Does.Match(@"^After DisposeAsync, port \d+ has no listener any more\.$"));

    [Test]
    public void Address_In_Use_Names_The_Port() => Assert.That(Value("ports-demo-2"), Does.Match(@"Address already in use: port \d+ on 127\.0\.0\.1 is held by this process \(\d+, "));
}

public class TcpLessonTests() : LessonFixture("08-tcp.ipynb")
{
    [Test]
    public void Client_Closing_First_Ends_In_Time_Wait_And_Server_Passes_Close_Wait()
    {
        var text = Value("clientClosesFirst: true");

        Assert.That(text, Does.Contain("client: shutdown(Send): sends FIN, gets ACK | FIN_WAIT_2 | LISTEN | CLOSE_WAIT").And.Contain("| TIME_WAIT | LISTEN | CLOSED"));
    }

    [Test]
    public void Server_Closing_First_Ends_In_Time_Wait_On_The_Server() =>
        Assert.That(Value("clientClosesFirst: false"), Does.Contain("server: shutdown(Send): sends FIN, gets ACK | CLOSE_WAIT | LISTEN | FIN_WAIT_2").And.Contain("| CLOSED | LISTEN | TIME_WAIT"));

    [Test]
    public void Listener_Stays_Listen_Until_Closed_And_No_Socket_Reads_Gone()
    {
        var text = Value("clientClosesFirst: true");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(text, Does.Contain("server: bind + listen | CLOSED | LISTEN | CLOSED"));
            Assert.That(text, Does.Contain("the server closes its listener | TIME_WAIT | CLOSED | CLOSED"), "TIME_WAIT outlives the closed socket");
            Assert.That(text + Value("clientClosesFirst: false"), Does.Not.Contain("gone"));
        }
    }

    [Test]
    public void Captured_Segments_Are_Drawn_With_One_Syn_And_One_Syn_Ack_Live_Or_Recorded() =>
        CapturedSegmentsAreShown(Run, live: NetCourse.PacketCapture.Unavailable is null);

    [Test]
    public void The_Close_Is_Counted_From_The_Capture() =>
        Assert.That(Value("var close = wire.Segments"), Does.Match(@"^The close in this capture took [34] segments, from the first FIN to the last ACK: the second FIN (carried the ACK of the first|came after a separate ACK of the first)\.$"));

    /// <summary>The capture cells of lesson 08: a diagram and a table of one SYN, one SYN-ACK and the ACK, labelled when recorded.</summary>
    internal static void CapturedSegmentsAreShown(NetCourse.Course.Running.NotebookRun run, bool live)
    {
        var drawing = run.CellContaining("CapturedConnection.RecordAsync").DisplayedText;
        var table = run.CellContaining("wire.ToTable()").ReturnValue?.PlainText ?? "";
        const string Recorded = "recorded on loopback (not live): to see it live, install tcpdump and run as root / with CAP_NET_RAW";

        using (Assert.EnterMultipleScope())
        {
            Assert.That(drawing, Does.StartWith("<svg").And.Contain("SYN seq=0").And.Contain("SYN-ACK seq=0 ack=1"));
            Assert.That(drawing, live ? Does.Not.Contain("not live") : Does.Contain(Recorded));
            Assert.That(table, live ? Does.Not.Contain("not live") : Does.Contain(Recorded));
            Assert.That(Regex.Count(table, @"\| SYN \|"), Is.EqualTo(1));
            Assert.That(Regex.Count(table, @"\| SYN-ACK \|"), Is.EqualTo(1));
            Assert.That(table, Does.Contain("client → server | ACK | 1 | 1 | 0"));
        }
    }

    [Test]
    public void Both_Lifecycles_Are_Drawn_As_A_Timeline() =>
        Assert.That(Shown("new StateTimeline(clientFirst, serverFirst)"), Does.StartWith("<svg").And.Contain("Client closes first").And.Contain("Server closes first").And.Contain(">TIME_WAIT<"));

    [Test]
    public void Server_Side_Is_Established_Before_Accept() =>
        Assert.That(Value("clientClosesFirst: true"), Does.Contain("before the server calls accept | ESTABLISHED | LISTEN | ESTABLISHED"));
}

/// <summary>Lesson 08 where live capture is unavailable (turned off as if tcpdump were missing): it shows the recorded capture.</summary>
public class TcpLessonWithoutLiveCaptureTests() : LessonFixture("08-tcp.ipynb", "System.Environment.SetEnvironmentVariable(\"NETCOURSE_NO_CAPTURE\", \"1\");")
{
    [Test]
    public void Capture_Cells_Show_The_Recording_Labelled_As_Recorded() => TcpLessonTests.CapturedSegmentsAreShown(Run, live: false);

    [Test]
    public void The_Recorded_Close_Is_Counted() =>
        Assert.That(Value("var close = wire.Segments"), Is.EqualTo("The close in this capture took 3 segments, from the first FIN to the last ACK: the second FIN carried the ACK of the first."));
}

public class UdpLessonTests() : LessonFixture("09-udp.ipynb")
{
    [Test]
    public void Three_Datagrams_Arrive_As_Three_Messages() => Assert.That(Value("foreach (var word in new[] { \"one\", \"two\", \"three\" })"), Does.Contain("1 | ONE").And.Contain("2 | TWO").And.Contain("3 | THREE"));

    [Test]
    public void Flood_Loses_Udp_Datagrams_While_Tcp_Delivers_Everything()
    {
        var text = Value("LossExperiment.RunAsync");
        var udpLost = int.Parse(Regex.Match(text, @"UDP \| 5000 \| \d+ \| (\d+)").Groups[1].Value);

        Assert.That(udpLost, Is.GreaterThan(0), text);
        Assert.That(text, Does.Contain("TCP | 5000 | 5000 | 0 | "));
    }

    [Test]
    public void Flood_Shows_The_Buffer_Read_Back_And_That_Only_The_Tcp_Sender_Waited()
    {
        var text = Value("LossExperiment.RunAsync");
        var tcpWait = double.Parse(Regex.Match(text, @"TCP \| 5000 \| 5000 \| 0 \| [\d,]+ \| ([\d.]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        Assert.That(text, Does.Contain("receive buffer (read back)").And.Contain("requested: 4,096 bytes"));
        Assert.That(tcpWait, Is.GreaterThan(50), text);
    }

    [Test]
    public void Flood_Is_Summed_Up_In_A_Sentence_Computed_From_The_Table() =>
        Assert.That(Value("loss.RequestedBufferSize"), Does.Match(@"^Asked for 4,096-byte receive buffers, the operating system gave [\d,]+ bytes \(UDP\) and [\d,]+ \(TCP\)\. UDP delivered [\d,]+ of 5,000 datagrams and lost [\d,]+ \([\d.]+ %\), and no send waited longer than [\d.]+ ms; TCP delivered 5,000 of 5,000, and its sender waited up to \d+ ms in one send\.$"));

    [Test]
    public void Server_Address_Is_Given_In_A_Sentence() => Assert.That(Value("UdpServer.StartAsync(\"shout\""), Does.Match(@"^The UDP server listens on 127\.0\.0\.1:\d+\.$"));

    [Test]
    public void Receive_Without_A_Datagram_Times_Out_And_Says_So() => Assert.That(Value("TimeSpan.FromMilliseconds(500)"), Is.EqualTo("no datagram within 0.5 s"));
}

public class SocketTypesLessonTests() : LessonFixture("10-socket-types.ipynb")
{
    [Test]
    public void Table_Names_Every_Socket_Type_Correctly() =>
        Assert.That(Shown("SocketKinds.Probe()"), Does.Contain("SOCK_STREAM").And.Contain("SOCK_DGRAM").And.Contain("SOCK_RAW").And.Contain("SocketType.Raw").And.Contain("0 (default for the type)").And.Not.Contain("ProtocolType.IP"));

    [Test]
    public void Raw_Socket_Row_Says_Why_It_Was_Allowed_Or_Not()
    {
        var text = Shown("SocketKinds.Probe()");

        Assert.That(text, Does.Contain("CAP_NET_RAW").And.Match("yes: (this process holds CAP_NET_RAW|CapEff)|no: permission denied"));
    }

    [Test]
    public void Mismatched_Type_And_Protocol_Is_Refused() => Assert.That(Value("ProtocolType.Udp"), Does.StartWith("ProtocolNotSupported"));
}

public class TcpServerLessonTests() : LessonFixture("11-tcp-server.ipynb")
{
    [Test]
    public void Waiting_For_Accept_Times_Out_And_Poll_Says_Nothing_Is_Waiting() =>
        Assert.That(Value("var waited ="), Does.Contain("no client within 1 s").And.Contain("Poll(1 s, SelectRead) | False"));

    [Test]
    public void Blocking_Send_Takes_Every_Byte() => Assert.That(Value("connection.SendTimeout ="), Does.Contain("14 | 14 | hello, client"));

    [Test]
    public void Non_Blocking_Send_To_A_Peer_That_Does_Not_Read_Returns_A_Short_Count()
    {
        var text = Value("toSilent.Blocking = false;");
        var first = Regex.Match(text, @"(\d+) \| (\d+) \| Success");

        Assert.That(first.Success, Is.True, text);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(long.Parse(first.Groups[2].Value), Is.GreaterThan(0).And.LessThan(long.Parse(first.Groups[1].Value)), text);
            Assert.That(text, Does.Contain("| 0 | WouldBlock"));
        }
    }

    [Test]
    public void Receive_Returns_The_Byte_Count_And_Text() => Assert.That(Value("var count = await SocketClient.ReceiveAsync"), Does.Contain("14 | hello, server"));

    [Test]
    public void After_Close_The_Client_Receives_Zero_And_Nothing_Listens() => Assert.That(Value("connection.Close();"), Does.Contain("0 | False"));

    [Test]
    public void Echo_Reply_Equals_What_Was_Sent() => Assert.That(Value("\"echo me\""), Does.Contain("echo me | echo me"));

    [Test]
    public void Create_And_Bind_Say_What_They_Made()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Value("var listener = new Socket("), Is.EqualTo("A socket of family InterNetwork, type Stream, protocol Tcp; not bound yet, so its local end point is none."));
            Assert.That(Value("listener.Bind("), Does.Match(@"^Bound to 127\.0\.0\.1:\d+: the address asked for, and the port the operating system chose\.$"));
        }
    }
}

public class TcpClientLessonTests() : LessonFixture("12-tcp-client.ipynb")
{
    [Test]
    public void Server_Answers_The_Line_In_Upper_Case() => Assert.That(Value("var n = await SocketClient.ReceiveAsync"), Does.Contain("22 | HELLO FROM THE CLIENT\\n"));

    [Test]
    public void New_Socket_And_Final_Receive_Are_Explained_In_Sentences()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Value("var socket = new Socket("), Is.EqualTo("A new socket, connected: False, local end point: none yet."));
            Assert.That(Value("socket.Shutdown(SocketShutdown.Send);"), Is.EqualTo("The receive after Shutdown(Send) returned 0: the server closed its side too."));
            Assert.That(Value("TcpServer.StartAsync(\"upper\""), Does.Match(@"^The upper-case server listens on 127\.0\.0\.1:\d+\.$"));
        }
    }

    [Test]
    public void SendAsync_Returns_How_Many_Bytes_It_Took() => Assert.That(Value("sent = await socket.SendAsync("), Does.Contain("22 | 22 | 0"));

    [Test]
    public void Connecting_To_A_Closed_Port_Is_Refused() => Assert.That(Value("Listeners.ClosedPort"), Does.Match(@"^ConnectionRefused after [\d.]+ ms: "));
}

public class MessageTransferLessonTests() : LessonFixture("13-message-transfer.ipynb")
{
    [Test]
    public void One_Shot_Server_Answers_The_Request_Line() => Assert.That(Value("Handlers.OneShot"), Does.StartWith("you sent 2 bytes: hi"));

    [Test]
    public void Scripted_Conversation_Echoes_Each_Message_And_Ends_On_Empty_Receive() =>
        Assert.That(Value("var conversation ="), Does.Contain("first | first").And.Contain("third | third").And.Contain("receive returned 0: the server closed too"));

    [Test]
    public void Through_A_Splitting_Proxy_One_Receive_Is_A_Fragment_And_Framing_Gets_The_Line()
    {
        var text = Value("FaultProxy.Start(echo.EndPoint");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(text, Does.Contain("reads up to the newline | one whole message"));
            Assert.That(text, Does.Not.Contain("one receive = one message | one whole message"));
        }
    }

    [Test]
    public void Framing_Recovers_Three_Messages_Both_Ways() =>
        Assert.That(Value("var merged ="), Does.Contain("newline | one | two | three").And.Contain("length prefix (read 1 byte at a time) | one | two | three"));

    [Test]
    public void Twenty_Concurrent_Clients_All_Get_Their_Own_Reply()
    {
        var text = Value("Enumerable.Range(1, 20).Select(Ask)");

        Assert.That(Regex.Count(text, @"\| True"), Is.EqualTo(20), text);
    }

    [Test]
    public void Twenty_Slow_Answers_Are_Served_At_The_Same_Time()
    {
        var text = Value("\"all twenty took\"");
        var took = Regex.Match(text, @"\| ([\d.]+) s\s*$");

        Assert.That(took.Success, Is.True, text);
        Assert.That(double.Parse(took.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Is.LessThan(2.0), "20 answers of 0.2 s one after another would take 4 s: " + text);
    }

    [Test]
    public void Every_Server_Is_Stopped_At_The_End() => Assert.That(Value("TcpServer.RunningNames.Count"), Is.EqualTo("servers still running: 0"));
}

public class HandshakeTimingLessonTests() : LessonFixture("14-handshake-timing.ipynb")
{
    [Test]
    public void Histogram_And_Cdf_Charts_Are_Produced()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Shown("TimingSample.Histogram(\"Connect time over IPv4 loopback\""), Does.Contain("Plotly.newPlot").And.Contain("\"type\":\"histogram\"").And.Contain("values above it not shown"));
            Assert.That(Shown("TimingSample.Cdf("), Does.Contain("Plotly.newPlot").And.Contain("p99"));
        }
    }

    [Test]
    public void The_Handshake_Is_Drawn_From_A_Capture_And_As_A_State_Timeline()
    {
        var capture = Shown("CapturedConnection.RecordAsync(\"timing\")");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Shown("new StateTimeline("), Does.StartWith("<svg").And.Contain(">TIME_WAIT<").And.Contain(">listening socket<"));
            Assert.That(capture, Does.StartWith("<svg").And.Contain("SYN seq=0").And.Contain("SYN-ACK seq=0 ack=1").And.Contain("ACK seq=1 ack=1").And.Contain("len=6"));
            Assert.That(capture, NetCourse.PacketCapture.Unavailable is null ? Does.Not.Contain("not live") : Does.Contain("recorded on loopback (not live)"));
        }
    }

    [Test]
    public void Comparisons_Are_Stated_As_Ratios_Computed_From_The_Tables()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Value("v6.P50 / v4.P50"), Does.Match(@"^At the median, here: IPv6 took \d+\.\d\dx IPv4; by name took \d+\.\d\dx IPv4, and its fastest connect was \d+\.\d µs (slower|faster) than the fastest IPv4 one; a refused connect took \d+\.\d\dx an accepted IPv4 connect\.$"));
            Assert.That(Value("socketAsync.P50 / sync.P50"), Does.Match(@"^At the median, here: Socket\.ConnectAsync took \d+\.\d\dx and TcpClient\.ConnectAsync \d+\.\d\dx the blocking Socket\.Connect\.$"));
        }
    }

    [Test]
    public void Comparison_Table_Has_All_Four_Variants() =>
        Assert.That(Value("TimingSample.Compare(v4, v6, byName, refused)"), Does.Contain("IPv4 127.0.0.1 | 2000").And.Contain("IPv6 ::1 | 2000").And.Contain("by name localhost (IPv4 lookup) | 1000").And.Contain("refused (no listener) | 2000"));

    [Test]
    public void The_Shape_Of_The_Sample_Is_Stated_From_The_Data() =>
        Assert.That(Value("var slow = v4.Values.Count"), Does.Match(@"µs \| \d+ of 2000 \(\d+(\.\d)? %\) \| \d+\.\d"));

    [Test]
    public void Connections_Are_Established_Before_Accept() => Assert.That(Value("var quiet ="), Does.Contain("3 TCP sockets"));

    [Test]
    public void Full_Backlog_Holds_Back_Later_Connects()
    {
        var text = Value("var full = Listeners.Listen");
        var summary = Value("string Which(");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(text, Does.Contain("1 | connected").And.Contain("2 | connected").And.Contain("4 | no answer within 3 s"));
            Assert.That(summary, Does.Contain("first SYN dropped, a retransmitted SYN found room | #3 ("), "the accept 0.3 s late makes room for connect #3's retransmitted SYN");
        }
    }

    [Test]
    public void Every_Server_Is_Stopped_At_The_End() => Assert.That(Value("TcpServer.RunningNames.Count"), Is.EqualTo("servers still running: 0"));
}
