using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace NetCourse;

/// <summary>
/// A TLS client that shows its work: it validates the server's certificate the way <see cref="SslStream"/> does by
/// default (against the machine's trusted roots, or against one certificate the caller trusts), records what the
/// validation said, accepts only a certificate without errors, and times TCP connects with and without the TLS handshake.
/// Revocation is not checked and nothing is downloaded: every byte stays on loopback.
/// </summary>
public static class TlsProbe
{
    /// <summary>How long a connect plus handshake may take.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Connects to <paramref name="server"/>, asks for <paramref name="targetHost"/> (the name checked against the
    /// certificate) and reads the server's greeting. With <paramref name="trust"/> the chain is built against that one
    /// root instead of the machine's store.
    /// </summary>
    public static async Task<TlsOutcome> ConnectAsync(
        IPEndPoint server, string targetHost, X509Certificate2? trust = null, SslProtocols protocols = SslProtocols.None, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentException.ThrowIfNullOrWhiteSpace(targetHost);
        var errors = SslPolicyErrors.None;
        IReadOnlyList<string> chain = [];
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        using var socket = await SocketClient.ConnectAsync(server, Timeout, deadline.Token).ConfigureAwait(false);
        await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
        var options = Options(targetHost, trust, protocols, (_, _, c, e) =>
        {
            errors = e;
            chain = c is null ? [] : [.. c.ChainStatus.Select(s => $"{s.Status}: {s.StatusInformation.Trim()}")];
            return e == SslPolicyErrors.None;
        });
        try
        {
            await tls.AuthenticateAsClientAsync(options, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return new TlsOutcome(targetHost, errors, chain, false, SslProtocols.None, null, null, $"{e.GetType().Name}: {e.Message}");
        }

        var buffer = new byte[256];
        var n = await tls.ReadAsync(buffer, deadline.Token).ConfigureAwait(false);
        return new TlsOutcome(targetHost, errors, chain, true, tls.SslProtocol, tls.NegotiatedCipherSuite, Encoding.UTF8.GetString(buffer, 0, n), null);
    }

    /// <summary>
    /// Times <paramref name="count"/> connections to <paramref name="server"/>, each a TCP connect followed by a TLS
    /// handshake with only <paramref name="protocol"/> enabled, trusting <paramref name="trust"/>. Each connection is
    /// closed with an RST (linger 0) so none waits in TIME_WAIT. The whole run stops at 30 s.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is not 1-5000.</exception>
    /// <exception cref="AuthenticationException">The handshake failed, e.g. the protocol is not offered on this machine.</exception>
    public static async Task<TimingSample> MeasureAsync(
        string label, IPEndPoint server, int count, SslProtocols protocol, X509Certificate2 trust, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(trust);
        if (count is < 1 or > 5000)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Count {count} must be from 1 to 5000.");
        }

        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        run.CancelAfter(TimeSpan.FromSeconds(30));
        var options = Options("localhost", trust, protocol, (_, _, _, e) => e == SslPolicyErrors.None);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            using var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, LingerState = new LingerOption(true, 0) };
            var started = Stopwatch.GetTimestamp();
            await socket.ConnectAsync(server, run.Token).ConfigureAwait(false);
            await using (var tls = new SslStream(new NetworkStream(socket, ownsSocket: false)))
            {
                await tls.AuthenticateAsClientAsync(options, run.Token).ConfigureAwait(false);
                values[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            }
        }

        return new TimingSample(label, values);
    }

    /// <summary>Whether a handshake with only <paramref name="protocol"/> enabled succeeds against <paramref name="server"/>, and what failed if not.</summary>
    public static async Task<(bool Offered, string Detail)> TryProtocolAsync(IPEndPoint server, SslProtocols protocol, X509Certificate2 trust, CancellationToken cancellationToken = default)
    {
        try
        {
            var outcome = await ConnectAsync(server, "localhost", trust, protocol, cancellationToken).ConfigureAwait(false);
            return outcome.Accepted ? (true, $"{outcome.Protocol}, {outcome.CipherSuite}") : (false, outcome.Error ?? "refused");
        }
        catch (Exception e) when (e is AuthenticationException or IOException or PlatformNotSupportedException or NotSupportedException)
        {
            return (false, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static SslClientAuthenticationOptions Options(string targetHost, X509Certificate2? trust, SslProtocols protocols, RemoteCertificateValidationCallback validate)
    {
        var policy = new X509ChainPolicy { RevocationMode = X509RevocationMode.NoCheck, DisableCertificateDownloads = true };
        if (trust is not null)
        {
            policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            policy.CustomTrustStore.Add(trust);
        }

        return new SslClientAuthenticationOptions
        {
            TargetHost = targetHost,
            EnabledSslProtocols = protocols,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            CertificateChainPolicy = policy,
            RemoteCertificateValidationCallback = validate,
        };
    }
}
