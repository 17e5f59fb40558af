using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace NetCourse;

/// <summary>Connection handlers for <see cref="TcpServer"/> that speak TLS.</summary>
public static class TlsHandlers
{
    /// <summary>How long a server-side handshake may take.</summary>
    public static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Completes a TLS handshake as the server with <paramref name="certificate"/> (TLS 1.2 and 1.3 unless
    /// <paramref name="protocols"/> says otherwise), sends <paramref name="greeting"/> encrypted and closes. A client
    /// that gives up on the handshake ends the connection quietly.
    /// </summary>
    public static Func<Socket, CancellationToken, Task> Greeting(X509Certificate2 certificate, string greeting = "hello over TLS\n", SslProtocols protocols = SslProtocols.Tls12 | SslProtocols.Tls13)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(greeting);
        var bytes = Encoding.UTF8.GetBytes(greeting);
        return (socket, cancellationToken) => GreetAsync(socket, certificate, bytes, protocols, cancellationToken);
    }

    /// <summary>What <see cref="Greeting"/> does on one connection; true when the handshake completed and the greeting was sent.</summary>
    internal static async Task<bool> GreetAsync(Socket socket, X509Certificate2 certificate, byte[] greeting, SslProtocols protocols, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(HandshakeTimeout);
        await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
        try
        {
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = certificate,
                EnabledSslProtocols = protocols,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            }, deadline.Token).ConfigureAwait(false);
            await tls.WriteAsync(greeting, deadline.Token).ConfigureAwait(false);
            await tls.FlushAsync(deadline.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException or SocketException)
        {
            // The client refused the certificate, offered no common protocol, or went away: nothing more to say.
            return false;
        }
    }
}
