using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace NetCourse;

/// <summary>
/// 19.1, a TLS client that accepts only the certificate whose SHA-256 thumbprint it was given. The judge runs the TLS
/// server on loopback with a fresh self-signed certificate for "localhost" (the pinned one, or another), tells the client
/// the pin, and checks that the client returns the greeting for the pinned one and fails its handshake with an
/// <see cref="AuthenticationException"/> for the other.
/// </summary>
internal sealed class PinningJudge() : SocketJudge<Func<(IPEndPoint Server, string Host, string Pin), Task<string>>, PinCase>("19.1")
{
    // Made once per process: key generation would otherwise take much of a case's time on a busy machine.
    private static readonly Lazy<(X509Certificate2 Pinned, X509Certificate2 Other)> Pair = new(() => (Certificates.SelfSigned(), Certificates.SelfSigned()));

    internal override bool LearnerServes => false;

    internal override async Task<JsonNode?> CallAsync(
        Func<(IPEndPoint Server, string Host, string Pin), Task<string>> subject, PinCase input, IPEndPoint judge, JsonNode? given, CancellationToken cancellationToken) =>
        ProbeJson.ToNode(await subject((judge, "localhost", (string?)given ?? throw new InvalidDataException("The judge's server gave no pin."))).ConfigureAwait(false));

    /// <summary>Serves one case; the pin is what the client is told: <c>{"handshake": true|false, "pin": "first 8 of the pin", "other": "first 8 of the other's"}</c>.</summary>
    private protected override async Task<JudgeServer> Serve(PinCase input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (pinned, other) = Pair.Value;
        var pin = Certificates.Sha256(pinned);
        pin = input.LowerCasePin ? pin.ToLowerInvariant() : pin;
        var greeting = Encoding.UTF8.GetBytes(input.Greeting);
        var server = await OneConnectionAsync(async (socket, token) => new JsonObject
        {
            ["handshake"] = await TlsHandlers.GreetAsync(socket, input.ServePinned ? pinned : other, greeting, SslProtocols.Tls12 | SslProtocols.Tls13, token).ConfigureAwait(false),
            ["pin"] = pin[..8],
            ["other"] = Certificates.Sha256(other)[..8],
        }, cancellationToken).ConfigureAwait(false);
        return server with { Given = pin };
    }

    private protected override CaseVerdict Judge(PinCase c, JsonNode? seen, JsonNode? outcome)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (Unfinished(outcome) is { } stub)
        {
            return stub;
        }

        if (outcome?["timedOut"] is not null)
        {
            return Outcomes.Judge(outcome, null, null);
        }

        var pinText = $"pin {(string?)seen?["pin"] ?? "?"}… ({(c.LowerCasePin ? "lower" : "upper")} case)";
        var thrown = Thrown(outcome);
        var got = (string?)outcome?["returned"];
        if (c.ServePinned)
        {
            return thrown is var (type, message) ? new CaseVerdict(false, $"threw {type}", $"the server presented the pinned certificate ({pinText}), but the client threw {type}: {message}")
                : got != c.Greeting ? new CaseVerdict(false, "wrong value", $"the server presented the pinned certificate and said \"{c.Greeting.TrimEnd()}\"; the client returned \"{got?.TrimEnd()}\"")
                : (bool?)seen?["handshake"] == true ? CaseVerdict.Pass
                : new CaseVerdict(false, "no handshake", $"the client returned the greeting, but the server completed no handshake with it ({Error(seen) ?? "the handshake failed"})");
        }

        return thrown switch
        {
            null => new CaseVerdict(false, "accepted another",
                $"the server presented another certificate (SHA-256 {(string?)seen?["other"] ?? "?"}…, {pinText}) and the client accepted it"),
            _ when ThrewA(outcome, nameof(AuthenticationException)) => CaseVerdict.Pass,
            var (type, message) => new CaseVerdict(false, $"threw {type}",
                $"the server presented another certificate; expected the handshake to fail with an AuthenticationException (return false from the validation callback), the client threw {type}: {message}"),
        };
    }
}
