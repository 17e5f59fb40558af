using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace NetCourse.Tests.Grading.SocketJudges;

public class PinningJudgeTests
{
    public enum Flaw
    {
        None,
        AcceptsAnyCertificate,
        CaseSensitive,
        Sha1Thumbprint,
        DefaultValidation,
        ChecksAfterTheHandshake,
    }

    // The practice cases of notebooks/19-tls.ipynb.
    private static readonly PinCase[] Practice =
    [
        new("hello, pinned\n", ServePinned: true),
        new("hello again\n", ServePinned: true, LowerCasePin: true),
        new("not the one\n", ServePinned: false),
    ];

    [Test, CancelAfter(60_000)]
    public async Task Instructor_Solution_Passes_Every_Practice_And_Hidden_Case()
    {
        PinCase[] cases = [.. Practice, .. JudgeRuns.Hidden(Judges.Pinning)];

        var report = await JudgeRuns.CheckAsync(Judges.Pinning, Client(Flaw.None), cases);

        Assert.That(report.Passed, Is.EqualTo(cases.Length), JudgeRuns.Failures(report));
    }

    [Test, CancelAfter(30_000)]
    public async Task A_Client_That_Returns_The_Greeting_Without_A_Handshake_Fails()
    {
        var report = await JudgeRuns.CheckAsync(Judges.Pinning, _ => Task.FromResult(Practice[0].Greeting), Practice[0]);

        Assert.That(report.Cases[0].Got, Does.StartWith("the client returned the greeting, but the server completed no handshake with it"));
    }

    [TestCase(Flaw.AcceptsAnyCertificate, "the client accepted it")]
    [TestCase(Flaw.CaseSensitive, "(lower case)), but the client threw AuthenticationException")]
    [TestCase(Flaw.Sha1Thumbprint, "(upper case)), but the client threw AuthenticationException")]
    [TestCase(Flaw.DefaultValidation, "but the client threw AuthenticationException")]
    [TestCase(Flaw.ChecksAfterTheHandshake, "expected the handshake to fail with an AuthenticationException")]
    [CancelAfter(60_000)]
    public async Task Known_Wrong_Solution_Fails_A_Practice_Case(Flaw flaw, string because)
    {
        var report = await JudgeRuns.CheckAsync(Judges.Pinning, Client(flaw), Practice);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Passed, Is.LessThan(Practice.Length));
            Assert.That(JudgeRuns.Failures(report), Does.Contain(because));
        }
    }

    private static Func<(IPEndPoint Server, string Host, string Pin), Task<string>> Client(Flaw flaw) => async job =>
    {
        using var socket = await SocketClient.ConnectAsync(job.Server, TimeSpan.FromSeconds(2));
        bool Pinned(System.Security.Cryptography.X509Certificates.X509Certificate? certificate) => certificate is not null && flaw switch
        {
            Flaw.AcceptsAnyCertificate => true,
            Flaw.CaseSensitive => certificate.GetCertHashString(HashAlgorithmName.SHA256) == job.Pin,
            Flaw.Sha1Thumbprint => string.Equals(certificate.GetCertHashString(), job.Pin, StringComparison.OrdinalIgnoreCase),
            _ => string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), job.Pin, StringComparison.OrdinalIgnoreCase),
        };
        var options = new SslClientAuthenticationOptions { TargetHost = job.Host };
        if (flaw is not (Flaw.DefaultValidation or Flaw.ChecksAfterTheHandshake))
        {
            options.RemoteCertificateValidationCallback = (_, certificate, _, _) => Pinned(certificate);
        }
        else if (flaw == Flaw.ChecksAfterTheHandshake)
        {
#pragma warning disable CA5359 // a known-wrong solution: it accepts every certificate during the handshake
            options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
        await tls.AuthenticateAsClientAsync(options, deadline.Token);
        if (flaw == Flaw.ChecksAfterTheHandshake && !Pinned(tls.RemoteCertificate))
        {
            throw new InvalidOperationException("The certificate is not the pinned one.");
        }

        using var reader = new StreamReader(tls);
        return await reader.ReadToEndAsync(deadline.Token);
    };
}
