using System.Net.Security;
using System.Security.Authentication;

namespace NetCourse;

/// <summary>
/// What one TLS client handshake saw: the name it asked for, the validation errors and chain status the certificate
/// got, whether the client accepted it, and then the negotiated protocol and cipher suite, or the error.
/// </summary>
public sealed record TlsOutcome(
    string TargetHost, SslPolicyErrors Errors, IReadOnlyList<string> ChainStatus, bool Accepted, SslProtocols Protocol, TlsCipherSuite? CipherSuite,
    string? Greeting, string? Error) : ITabular
{
    /// <inheritdoc/>
    public HtmlTable ToTable() =>
        new HtmlTable("asked for", "SslPolicyErrors", "chain status", "accepted", "protocol", "cipher suite", "server said / error") { Caption = "TLS handshake" }
            .AddRow(TargetHost, Errors, ChainStatus.Count == 0 ? "(valid chain)" : string.Join("; ", ChainStatus), Accepted ? "yes" : "no",
                Accepted ? Protocol : "", CipherSuite?.ToString() ?? "", Accepted ? Greeting?.TrimEnd() : Error);

    /// <summary>A table of several outcomes, one row each.</summary>
    public static HtmlTable Compare(params TlsOutcome[] outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var table = new HtmlTable("case", "asked for", "SslPolicyErrors", "chain status", "accepted", "error");
        foreach (var o in outcomes)
        {
            table.AddRow(o.Label ?? "", o.TargetHost, o.Errors, o.ChainStatus.Count == 0 ? "(valid chain)" : string.Join("; ", o.ChainStatus), o.Accepted ? "yes" : "no", o.Error ?? "");
        }

        return table;
    }

    /// <summary>What this case shows, for <see cref="Compare"/>.</summary>
    public string? Label { get; init; }
}
