namespace NetCourse.Notebooks.Tests.Lessons;

public class TlsLessonTests() : LessonFixture("19-tls.ipynb")
{
    [Test]
    public void The_Certificate_Made_In_The_Cell_Is_Self_Signed_For_Localhost() =>
        Assert.That(Value("X509Certificate2 MakeCertificate"), Does.Contain("subject | CN=localhost").And.Contain("(itself: self-signed)").And.Contain("ECDSA 256 bits"));

    [Test]
    public void Each_Validation_Failure_Shows_Its_Flag_And_Chain_Status()
    {
        var text = Value("TlsOutcome.Compare(");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(text, Does.Match(@"untrusted issuer \| localhost \| RemoteCertificateChainErrors \| UntrustedRoot[^|]* \| no \| AuthenticationException"));
            Assert.That(text, Does.Match(@"name mismatch \| example\.test \| RemoteCertificateNameMismatch \| \(valid chain\) \| no"));
            Assert.That(text, Does.Match(@"expired \| localhost \| RemoteCertificateChainErrors \| NotTimeValid[^|]* \| no"));
            Assert.That(text, Does.Match(@"trusted, right name, in date \| localhost \| None \| \(valid chain\) \| yes"));
        }
    }

    [Test]
    public void The_Accepted_Handshake_Names_Protocol_And_Cipher_Suite() =>
        Assert.That(Value("var accepted = await TlsProbe.ConnectAsync"), Does.Match(@"localhost \| None \| \(valid chain\) \| yes \| Tls1[23] \| TLS_\w+ \| hello over TLS"));

    [Test]
    public void Tls_Handshakes_Are_Timed_Beside_The_Tcp_Connect()
    {
        var text = Value("var tcpOnly = await HandshakeTimer.MeasureAsync");

        Assert.That(text, Does.Contain("TCP connect | 300").And.Contain("TCP + TLS 1.2 | 300").Or.Contain("TCP + TLS 1.3 | 300"));
    }

    [Test]
    public void The_Chart_Shows_Tcp_And_Tls() => Assert.That(Shown("TimingSample.Cdf(\"TCP connect alone"), Does.Contain("TCP + TLS"));

    [Test]
    public void Every_Server_Is_Stopped() => Assert.That(Value("await expiredServer.DisposeAsync()"), Is.EqualTo("servers still running: 0"));
}
