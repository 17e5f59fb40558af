// 19-tls — generated from notebooks/19-tls.ipynb by `dotnet run --project lib/NetCourse.Course -- export`.
// Do not edit: edit the notebook and export again. Run it from the repository root with:
//   dotnet run notebooks/run/19-tls.cs
// Tables print as text; charts and drawings are written as HTML files to notebooks/run/out/.
#:project ../../lib/NetCourse/NetCourse.csproj
#:property PublishAot=false

using System.Collections;
using System.Text;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using NetCourse;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

// # 19 · TLS
//
// **You will be able to**
// - make a self-signed certificate in code and serve TLS with it on loopback;
// - read what a failed validation says — untrusted issuer, name mismatch, expired — and why;
// - see which protocol version and cipher suite a handshake chose;
// - measure what the TLS handshake adds to a TCP connect, for TLS 1.2 and TLS 1.3;
// - pin a server's certificate by its SHA-256 thumbprint.

// (setup cell: the library is referenced by the #:project line above)
ConsoleDisplay.Start("19-tls");
static void display(object? value) => ConsoleDisplay.Show(value);

// TLS needs a few namespaces beyond the ones the setup cell imports:

// ---- cell 3 ----
display("TLS namespaces imported");

// ## A certificate made in the cell
//
// TLS (RFC 8446 for version 1.3, RFC 5246 for 1.2) encrypts a TCP connection and authenticates the server
// with an **X.509 certificate** (RFC 5280): a public key, the names it is valid for, a validity period, all
// signed by an **issuer**. A client checks three things: that the signatures lead to an issuer it trusts, that
// the name it asked for is among the certificate's *subject alternative names* (RFC 9525; the CN is no longer
// consulted), and that today is inside the validity period.
//
// A **self-signed** certificate is its own issuer. `CertificateRequest` makes one in a few lines: a key
// pair (ECDSA on the P-256 curve here), the subject, the names, the purpose (server authentication), a
// signature with the certificate's own key:

// ---- cell 5 ----
X509Certificate2 MakeCertificate(string host, DateTimeOffset from, DateTimeOffset until)
{
    using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
    var names = new SubjectAlternativeNameBuilder();
    names.AddDnsName(host);
    request.CertificateExtensions.Add(names.Build());
    request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication") }, false));
    using var made = request.CreateSelfSigned(from, until);
    return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), null); // a key every platform's TLS stack accepts
}
var certificate = MakeCertificate("localhost", DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
display(Certificates.Describe(certificate));

// `Certificates.SelfSigned` in the course library does the same (it also names 127.0.0.1 and ::1). A TLS
// server on loopback that presents this certificate, says one line and closes:

// ---- cell 7 ----
var tlsServer = await TcpServer.StartAsync("tls-greeting", TlsHandlers.Greeting(certificate));
display(tlsServer.EndPoint);

// ## What a failed validation says
//
// `SslStream` validates the server's certificate during the handshake and hands the result to a
// `RemoteCertificateValidationCallback`: a set of `SslPolicyErrors` flags and the chain it built, with a status
// per problem. If the callback returns false (or there is none and there were errors), the handshake fails with
// an `AuthenticationException`. `TlsProbe.ConnectAsync` records what the callback was given and accepts only a
// certificate with no errors. Its `trust` argument makes one certificate the only trusted root
// (`X509ChainTrustMode.CustomRootTrust`), the honest way to trust a test certificate — unlike a callback that
// returns `true`, which accepts any certificate from anyone. Revocation is not checked and nothing is
// downloaded, so every byte stays on loopback.
//
// Four handshakes: nobody vouches for the certificate; trusted, but the client asks for another name; trusted
// and the right name, but expired; all three right:

// ---- cell 9 ----
var expired = Certificates.SelfSigned(notBefore: DateTimeOffset.UtcNow.AddDays(-30), notAfter: DateTimeOffset.UtcNow.AddDays(-1));
var expiredServer = await TcpServer.StartAsync("tls-expired", TlsHandlers.Greeting(expired));
display(TlsOutcome.Compare(
    await TlsProbe.ConnectAsync(tlsServer.EndPoint, "localhost") with { Label = "untrusted issuer" },
    await TlsProbe.ConnectAsync(tlsServer.EndPoint, "example.test", trust: certificate) with { Label = "name mismatch" },
    await TlsProbe.ConnectAsync(expiredServer.EndPoint, "localhost", trust: expired) with { Label = "expired" },
    await TlsProbe.ConnectAsync(tlsServer.EndPoint, "localhost", trust: certificate) with { Label = "trusted, right name, in date" }));

// **Notice:** two different problems — an issuer nobody trusts and an expired certificate — raise the same flag,
// `RemoteCertificateChainErrors`; only the chain status says which (`UntrustedRoot`, `NotTimeValid`). A name
// that does not match has a flag of its own. And the exception the application finally sees says neither: it
// says the callback rejected the certificate. Log the flags and the chain status in the callback, or the reason
// is lost.
//
// ## What the handshake chose
//
// The accepted handshake, with the negotiated protocol version and **cipher suite**:

// ---- cell 11 ----
var accepted = await TlsProbe.ConnectAsync(tlsServer.EndPoint, "localhost", trust: certificate);
display(accepted);

// A client can limit the versions it offers. The server accepts TLS 1.2 and 1.3; each version alone:

// ---- cell 13 ----
var versions = new HtmlTable("client offers only", "handshake");
var offered = new Dictionary<SslProtocols, bool>();
foreach (var protocol in new[] { SslProtocols.Tls12, SslProtocols.Tls13 })
{
    var (ok, detail) = await TlsProbe.TryProtocolAsync(tlsServer.EndPoint, protocol, certificate);
    offered[protocol] = ok;
    versions.AddRow(protocol, ok ? $"ok: {detail}" : $"failed: {detail}");
}
display(versions);

// A TLS 1.3 suite names only the cipher and the hash (`TLS_AES_256_GCM_SHA384`): the key exchange is always an
// ephemeral Diffie-Hellman and the signature comes from the certificate. A TLS 1.2 suite names all four
// (`TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384`: ECDHE key exchange, ECDSA signature, AES-256 in GCM mode, SHA-384).
// Which versions and suites exist is the operating system's choice: on Linux `SslStream` uses the system's
// OpenSSL, on Windows SChannel, on macOS Apple's TLS. A version missing above is missing from this machine's TLS
// library or its configuration, not from .NET.
//
// ## The TLS handshake timed beside TCP's
//
// Lesson 14 timed the TCP handshake. Here each measurement is a TCP connect followed by a complete TLS handshake
// (closed with an RST afterwards, as in lesson 14), 300 times for each version this machine offers, beside 300
// plain connects to the same server:

// ---- cell 15 ----
var tcpOnly = await HandshakeTimer.MeasureAsync("TCP connect", tlsServer.EndPoint, 300, HandshakeTimer.Method.SocketAsync);
var timed = new List<TimingSample> { tcpOnly };
if (offered[SslProtocols.Tls12]) timed.Add(await TlsProbe.MeasureAsync("TCP + TLS 1.2", tlsServer.EndPoint, 300, SslProtocols.Tls12, certificate));
if (offered[SslProtocols.Tls13]) timed.Add(await TlsProbe.MeasureAsync("TCP + TLS 1.3", tlsServer.EndPoint, 300, SslProtocols.Tls13, certificate));
display(TimingSample.Compare(timed.ToArray()));

// ---- cell 16 ----
display(TimingSample.Cdf("TCP connect alone, and followed by a TLS handshake", timed.ToArray()));

// What the handshake adds, and what it would cost over a network. A full TLS 1.2 handshake takes two round
// trips before the client may send data, TLS 1.3 one (RFC 8446 §2); TCP's handshake takes one more before
// either. On loopback a round trip costs microseconds, so what the measurement shows is mostly computation:
// the key exchange on both sides and the server's signature. Over a 50 ms round trip the waiting dominates:

// ---- cell 18 ----
const double rttMs = 50;
display(timed.Skip(1).Aggregate(new HtmlTable("handshake", "added to a TCP connect (p50)", "× a TCP connect", "round trips before data", $"estimate at {rttMs} ms round trip"),
    (t, s) =>
    {
        var trips = s.Label.EndsWith("1.3") ? 2 : 3;
        return t.AddRow(s.Label, $"{s.P50 - tcpOnly.P50:0} µs", $"{s.P50 / tcpOnly.P50:0.0}", $"{trips} (TCP 1 + TLS {trips - 1})", $"{trips * rttMs + s.P50 / 1000:0.0} ms");
    }));

// **Notice:** on loopback a TLS handshake costs many times a TCP connect, nearly all of it CPU, so which
// version is faster here depends on the key exchange and what else the machine is doing (the versions were measured
// one after the other, not interleaved). Over a real network the round trips matter more than the computation,
// which is why TLS 1.3 cut the handshake to one round trip (and offers 0-RTT resumption for repeat visits, at a
// price in replay protection, RFC 8446 §8).
//
// Stop the servers:

// ---- cell 20 ----
await tlsServer.DisposeAsync();
await expiredServer.DisposeAsync();
display($"servers still running: {TcpServer.RunningNames.Count}");

// ## Check your understanding
//
// 1. Why does the exception say only that the callback rejected the certificate, and where is the reason?
// 2. A test client "fixes" a validation error with `RemoteCertificateValidationCallback = (_, _, _, _) => true`. What does it now accept?
// 3. TLS 1.3 saves a round trip. Why can it still measure no faster than TLS 1.2 on loopback?
//
// ## Exercise 19.1 — Pin the server's certificate (5 points)
//
// Write `FetchPinned(job)`: connect to `job.Server` over TCP, start TLS as a client for the name `job.Host`, and
// accept the server's certificate **only** if its SHA-256 thumbprint equals `job.Pin` (hexadecimal; compare
// ignoring case) — whatever else the validation says, since a pinned self-signed certificate has no trusted
// issuer. Then return everything the server sends (it closes after a short greeting).
//
// Any other certificate must fail the handshake: return `false` from the `RemoteCertificateValidationCallback`, and
// `SslStream` throws an `AuthenticationException`. Careful: `X509Certificate.Thumbprint` and `GetCertHashString()`
// are SHA-1; `GetCertHashString(HashAlgorithmName.SHA256)` is what the pin holds. Give every step a deadline.
//
// The check runs a TLS server with a fresh self-signed certificate for `localhost`, the pinned one or another.

// ---- cell 22 (solution 19.1) ----
async Task<string> FetchPinned((IPEndPoint Server, string Host, string Pin) job)
{
    // BEGIN SOLUTION: SocketClient.ConnectAsync; new SslStream(new NetworkStream(socket, ownsSocket: false)); AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost, RemoteCertificateValidationCallback = compare GetCertHashString(HashAlgorithmName.SHA256) with Pin, OrdinalIgnoreCase }, token); then StreamReader.ReadToEndAsync.
    using var socket = await SocketClient.ConnectAsync(job.Server, TimeSpan.FromSeconds(2));
    await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
    using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2));
    await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
    {
        TargetHost = job.Host,
        RemoteCertificateValidationCallback = (sender, presented, chain, errors) =>
            presented is not null && string.Equals(presented.GetCertHashString(HashAlgorithmName.SHA256), job.Pin, StringComparison.OrdinalIgnoreCase),
    }, deadline.Token);
    using var reader = new StreamReader(tls);
    return await reader.ReadToEndAsync(deadline.Token);
    // END SOLUTION
}

// ---- cell 23 (check 19.1) ----
display(await global::NetCourse.Grader.CheckAsync(new global::NetCourse.Exercise("19.1", "Pin the server's certificate", 5), FetchPinned, global::NetCourse.Judges.Pinning,
    new global::NetCourse.PinCase("hello, pinned\n", ServePinned: true),
    new global::NetCourse.PinCase("hello again\n", ServePinned: true, LowerCasePin: true),
    new global::NetCourse.PinCase("not the one\n", ServePinned: false)));

// ## Summary
//
// - A certificate binds a public key to names for a period, signed by an issuer; `CertificateRequest` makes one in a few lines.
// - Validation checks the issuer, the name and the dates; `SslPolicyErrors` and the chain status say which failed, the exception does not.
// - Trust a test certificate by making it the root (`CustomRootTrust`) or by pinning its SHA-256, never with a callback that returns `true`.
// - On loopback a TLS handshake costs CPU; over a network its round trips dominate, one for TLS 1.3, two for TLS 1.2.
//
// [← 18 Names and dual stack](18-names-and-dual-stack.ipynb) · [00 Start here](00-start-here.ipynb)
