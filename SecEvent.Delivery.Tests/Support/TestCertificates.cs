using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SecEvent.Delivery.Tests.Support;

/// <summary>Self-signed server certificates for loopback TLS.</summary>
public static class TestCertificates
{
    /// <summary>A certificate for <c>127.0.0.1</c> (IP address SAN) and <c>localhost</c>, valid for a day, with its private key.</summary>
    public static X509Certificate2 Loopback()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        // Kestrel needs a key it can use from a PKCS #12 blob on Linux; an ephemeral in-memory key is not enough.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    }
}
