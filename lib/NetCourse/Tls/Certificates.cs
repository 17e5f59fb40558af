using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NetCourse;

/// <summary>Self-signed server certificates made in memory for loopback TLS, and a table of what one holds.</summary>
public static class Certificates
{
    /// <summary>
    /// A self-signed server certificate for <paramref name="host"/> (also naming 127.0.0.1 and ::1 in its subject
    /// alternative names), valid from <paramref name="notBefore"/> (default: an hour ago) to <paramref name="notAfter"/>
    /// (default: a day later), with an ECDSA P-256 key, or RSA 2048 when <paramref name="rsa"/> is set.
    /// </summary>
    /// <exception cref="ArgumentException">The host is empty or the validity ends before it starts.</exception>
    public static X509Certificate2 SelfSigned(string host = "localhost", DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, bool rsa = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        var from = notBefore ?? DateTimeOffset.UtcNow.AddHours(-1);
        var to = notAfter ?? from.AddDays(1);
        if (to <= from)
        {
            throw new ArgumentException($"The certificate's validity ends ({to:u}) before it starts ({from:u}).", nameof(notAfter));
        }

        using var key = rsa ? (AsymmetricAlgorithm)RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedName($"CN={host}");
        var request = key is RSA rsaKey
            ? new CertificateRequest(subject, rsaKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest(subject, (ECDsa)key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | (rsa ? X509KeyUsageFlags.KeyEncipherment : 0), true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], false));
        using var made = request.CreateSelfSigned(from, to);
        // A round trip through PKCS#12 gives a key every platform's TLS stack can use (Windows refuses ephemeral keys).
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), null);
    }

    /// <summary>The SHA-256 hash of the certificate's DER bytes as upper-case hex: the value a client pins.</summary>
    public static string Sha256(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }

    /// <summary>A table of what <paramref name="certificate"/> says: subject, names, issuer, validity, key and thumbprints.</summary>
    public static HtmlTable Describe(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames().Concat(e.EnumerateIPAddresses().Select(a => a.ToString())));
        var key = certificate.GetECDsaPublicKey() is { } ec ? $"ECDSA {ec.KeySize} bits" : certificate.GetRSAPublicKey() is { } r ? $"RSA {r.KeySize} bits" : certificate.PublicKey.Oid.FriendlyName ?? "?";
        return new HtmlTable("field", "value") { Caption = "Certificate" }
            .AddRow("subject", certificate.Subject)
            .AddRow("subject alternative names", string.Join(", ", names))
            .AddRow("issuer", certificate.Issuer + (certificate.Subject == certificate.Issuer ? " (itself: self-signed)" : ""))
            .AddRow("valid from", certificate.NotBefore.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture))
            .AddRow("valid until", certificate.NotAfter.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture))
            .AddRow("public key", key)
            .AddRow("signature", certificate.SignatureAlgorithm.FriendlyName ?? certificate.SignatureAlgorithm.Value ?? "?")
            .AddRow("SHA-256 thumbprint", Sha256(certificate))
            .AddRow("SHA-1 thumbprint (Thumbprint)", certificate.Thumbprint);
    }
}
