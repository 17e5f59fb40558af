using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace NetCourse;

/// <summary>
/// Judges exercise 19.1, a TLS client that accepts only the certificate whose SHA-256 thumbprint it was given. The
/// judge runs the TLS server on loopback with a fresh self-signed certificate for "localhost" (the pinned one, or
/// another) and checks that the client returns the greeting for the pinned one and fails its handshake with an
/// <see cref="AuthenticationException"/> for the other.
/// </summary>
public static class PinningJudge
{
    // Made once per process: key generation would otherwise take much of a case's time on a busy machine.
    private static readonly Lazy<(X509Certificate2 Pinned, X509Certificate2 Other)> Pair = new(() => (Certificates.SelfSigned(), Certificates.SelfSigned()));

    /// <summary>Runs one case against <paramref name="client"/>; null when it behaved, otherwise what went wrong.</summary>
    public static async Task<string?> JudgeAsync(
        Func<(IPEndPoint Server, string Host, string Pin), Task<string>> client, PinCase c, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(c);
        var (pinned, other) = Pair.Value;
        var pin = Certificates.Sha256(pinned);
        if (c.LowerCasePin)
        {
            pin = pin.ToLowerInvariant();
        }

        await using var server = await TcpServer.StartAsync($"judge-19.1-{Guid.NewGuid():N}", TlsHandlers.Greeting(c.ServePinned ? pinned : other, c.Greeting),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        string? got = null;
        Exception? thrown = null;
        try
        {
            got = await client((server.EndPoint, "localhost", pin)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            thrown = e;
        }

        var pinText = $"pin {pin[..8]}… ({(c.LowerCasePin ? "lower" : "upper")} case)";
        if (c.ServePinned)
        {
            return thrown is not null ? $"the server presented the pinned certificate ({pinText}), but the client threw {thrown.GetType().Name}: {thrown.Message}"
                : got == c.Greeting ? null
                : $"the server presented the pinned certificate and said \"{c.Greeting.TrimEnd()}\"; the client returned \"{got?.TrimEnd()}\"";
        }

        return thrown switch
        {
            null => $"the server presented another certificate (SHA-256 {Certificates.Sha256(other)[..8]}…, {pinText}) and the client accepted it",
            AuthenticationException => null,
            _ => $"the server presented another certificate; expected the handshake to fail with an AuthenticationException (return false from the validation callback), the client threw {thrown.GetType().Name}: {thrown.Message}",
        };
    }
}
