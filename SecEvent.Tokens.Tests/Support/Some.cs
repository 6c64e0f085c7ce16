using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens.Tests.Support;

/// <summary>Small factory for keys, descriptors and parameters used across tests.</summary>
public static class Some
{
    public const string Issuer = "https://transmitter.example.com";
    public const string Audience = "https://receiver.example.com";

    /// <summary>A fixed instant: 2026-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<RsaSecurityKey> Rsa = new(() => new RsaSecurityKey(RSA.Create(2048)) { KeyId = "rsa-1" });
    private static readonly Lazy<ECDsaSecurityKey> Ec256 = new(() => new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "ec-1" });
    private static readonly Lazy<ECDsaSecurityKey> Ec384 = new(() => new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP384)) { KeyId = "ec-384" });
    private static readonly Lazy<ECDsaSecurityKey> Ec521 = new(() => new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP521)) { KeyId = "ec-521" });

    public static RsaSecurityKey RsaKey => Rsa.Value;

    public static ECDsaSecurityKey EcKey => Ec256.Value;

    /// <summary>A signing key for a JOSE algorithm name.</summary>
    public static SecurityKey KeyFor(string algorithm) => algorithm switch
    {
        "ES256" => Ec256.Value,
        "ES384" => Ec384.Value,
        "ES512" => Ec521.Value,
        "HS256" => Symmetric(32),
        "HS384" => Symmetric(48),
        "HS512" => Symmetric(64),
        _ => Rsa.Value,
    };

    public static SymmetricSecurityKey Symmetric(int bytes, string kid = "hmac-1")
    {
        var key = new byte[bytes];
        for (var i = 0; i < bytes; i++)
        {
            key[i] = (byte)(i * 7 + 3);
        }

        return new SymmetricSecurityKey(key) { KeyId = kid };
    }

    /// <summary>The public half of an asymmetric key, as the receiver would hold it.</summary>
    public static SecurityKey PublicOf(SecurityKey key) => key switch
    {
        RsaSecurityKey rsa => new RsaSecurityKey(rsa.Rsa.ExportParameters(false)) { KeyId = rsa.KeyId },
        ECDsaSecurityKey ec => new ECDsaSecurityKey(ECDsa.Create(ec.ECDsa.ExportParameters(false))) { KeyId = ec.KeyId },
        _ => key,
    };

    public static SigningCredentials Credentials(string algorithm = "ES256") => new(KeyFor(algorithm), algorithm);

    public static SubjectIdentifier Opaque(string id = "stream-1") => new OpaqueSubjectIdentifier { Id = id };

    public static UnknownSecurityEvent Event(string type = "https://example.com/event-type/test", string payload = "{}") =>
        new(type, JsonElement.Parse(payload));

    /// <summary>An RFC 8417 descriptor signed with ES256, issued at <see cref="Now"/>.</summary>
    public static SecurityEventTokenDescriptor Descriptor(string algorithm = "ES256") => new()
    {
        Issuer = Issuer,
        Audiences = [Audience],
        IssuedAt = Now,
        Events = [Event()],
        SigningCredentials = Credentials(algorithm),
    };

    /// <summary>Parameters that accept <see cref="Descriptor"/>'s tokens.</summary>
    public static SecurityEventTokenValidationParameters Parameters(string algorithm = "ES256") => new()
    {
        ValidIssuers = [Issuer],
        ValidAudiences = [Audience],
        SigningKeys = [PublicOf(KeyFor(algorithm))],
    };

    public static SecurityEventTokenHandler Handler(TimeProvider? time = null) => new(time ?? new ManualTimeProvider(Now));
}
