using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace NetCourse.Tests.Tls;

public class TlsTests
{
    [Test]
    public void Self_Signed_Certificate_Names_Localhost_And_Both_Loopback_Addresses()
    {
        using var certificate = Certificates.SelfSigned();
        var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(certificate.Subject, Is.EqualTo("CN=localhost"));
            Assert.That(certificate.HasPrivateKey, Is.True);
            Assert.That(names.EnumerateDnsNames(), Is.EqualTo(new[] { "localhost" }));
            Assert.That(names.EnumerateIPAddresses(), Is.EquivalentTo(new[] { IPAddress.Loopback, IPAddress.IPv6Loopback }));
            Assert.That(Certificates.Sha256(certificate), Has.Length.EqualTo(64).And.Match("^[0-9A-F]+$"));
            Assert.That(Certificates.Describe(certificate).ToHtml(), Does.Contain("ECDSA 256 bits").And.Contain("self-signed"));
        }
    }

    [Test]
    public void A_Validity_That_Ends_Before_It_Starts_Is_Rejected() =>
        Assert.That(() => Certificates.SelfSigned(notBefore: DateTimeOffset.UtcNow, notAfter: DateTimeOffset.UtcNow.AddDays(-1)),
            Throws.ArgumentException.With.Message.Contain("ends"));

    [Test, CancelAfter(30_000)]
    public async Task Trusted_Certificate_Is_Accepted_And_Reports_Protocol_And_Cipher(CancellationToken token)
    {
        using var certificate = Certificates.SelfSigned(rsa: true);
        await using var server = await TcpServer.StartAsync($"tls-{Guid.NewGuid():N}", TlsHandlers.Greeting(certificate), cancellationToken: token);

        var outcome = await TlsProbe.ConnectAsync(server.EndPoint, "localhost", trust: certificate, cancellationToken: token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Accepted, Is.True, outcome.Error);
            Assert.That(outcome.Errors, Is.EqualTo(SslPolicyErrors.None));
            Assert.That(outcome.Protocol, Is.EqualTo(SslProtocols.Tls12).Or.EqualTo(SslProtocols.Tls13));
            Assert.That(outcome.CipherSuite, Is.Not.Null);
            Assert.That(outcome.Greeting, Is.EqualTo("hello over TLS\n"));
        }
    }

    [Test, CancelAfter(30_000)]
    public async Task Validation_Failures_Say_Why(CancellationToken token)
    {
        using var certificate = Certificates.SelfSigned();
        using var expired = Certificates.SelfSigned(notBefore: DateTimeOffset.UtcNow.AddDays(-30), notAfter: DateTimeOffset.UtcNow.AddDays(-1));
        await using var server = await TcpServer.StartAsync($"tls-{Guid.NewGuid():N}", TlsHandlers.Greeting(certificate), cancellationToken: token);
        await using var old = await TcpServer.StartAsync($"tls-old-{Guid.NewGuid():N}", TlsHandlers.Greeting(expired), cancellationToken: token);

        var untrusted = await TlsProbe.ConnectAsync(server.EndPoint, "localhost", cancellationToken: token);
        var wrongName = await TlsProbe.ConnectAsync(server.EndPoint, "example.test", trust: certificate, cancellationToken: token);
        var outOfDate = await TlsProbe.ConnectAsync(old.EndPoint, "localhost", trust: expired, cancellationToken: token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(untrusted.Accepted, Is.False);
            Assert.That(untrusted.Errors, Is.EqualTo(SslPolicyErrors.RemoteCertificateChainErrors));
            Assert.That(untrusted.ChainStatus, Has.Some.StartsWith("UntrustedRoot"));
            Assert.That(untrusted.Error, Does.StartWith("AuthenticationException"));
            Assert.That(wrongName.Errors, Is.EqualTo(SslPolicyErrors.RemoteCertificateNameMismatch));
            Assert.That(outOfDate.Errors, Is.EqualTo(SslPolicyErrors.RemoteCertificateChainErrors));
            Assert.That(outOfDate.ChainStatus, Has.Some.StartsWith("NotTimeValid"));
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task Tls_Handshakes_Are_Timed_With_Their_Tcp_Connect(CancellationToken token)
    {
        using var certificate = Certificates.SelfSigned();
        await using var server = await TcpServer.StartAsync($"tls-{Guid.NewGuid():N}", TlsHandlers.Greeting(certificate), cancellationToken: token);

        var sample = await TlsProbe.MeasureAsync("TLS 1.2", server.EndPoint, 20, SslProtocols.Tls12, certificate, token);
        var (offered, detail) = await TlsProbe.TryProtocolAsync(server.EndPoint, SslProtocols.Tls12, certificate, token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sample.Count, Is.EqualTo(20));
            Assert.That(sample.Min, Is.GreaterThan(0));
            Assert.That(offered, Is.True, detail);
            Assert.That(detail, Does.StartWith("Tls12"));
        }
    }

    [Test]
    public void Measure_Rejects_A_Count_Out_Of_Range() =>
        Assert.That(async () => await TlsProbe.MeasureAsync("x", new IPEndPoint(IPAddress.Loopback, 9), 0, SslProtocols.Tls12, Certificates.SelfSigned()),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contain("Count 0"));
}
