using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens.Tests.Support;

/// <summary>Small factory for keys, descriptors, raw claims and parameters used across tests.</summary>
public static class Some
{
    public const string Issuer = "https://transmitter.example.com";
    public const string Audience = "https://receiver.example.com";
    public const string EventType = "https://example.com/event-type/test";
    public const string JwtId = "jti-1";

    /// <summary>A fixed instant: 2026-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary><see cref="Now"/> as a NumericDate.</summary>
    public static readonly long NowSeconds = Now.ToUnixTimeSeconds();

    private static readonly Lazy<RsaSecurityKey> Rsa = new(() => new RsaSecurityKey(RSA.Create(2048)) { KeyId = "rsa-1" });
    private static readonly Lazy<RsaSecurityKey> Rsa1024 = new(() => new RsaSecurityKey(RSA.Create(1024)) { KeyId = "rsa-1024" });
    private static readonly Lazy<RsaSecurityKey> AttackerRsa = new(() => new RsaSecurityKey(RSA.Create(2048)) { KeyId = "rsa-1" });
    private static readonly Lazy<ECDsaSecurityKey> Ec256 = new(() => new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "ec-1" });
    private static readonly Lazy<ECDsaSecurityKey> Ec384 = new(() => new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP384)) { KeyId = "ec-384" });
    private static readonly Lazy<ECDsaSecurityKey> Ec521 = new(() => new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP521)) { KeyId = "ec-521" });

    public static RsaSecurityKey RsaKey => Rsa.Value;

    /// <summary>A 1024-bit RSA key: too small for RS*/PS* (RFC 7518 §3.3).</summary>
    public static RsaSecurityKey RsaKey1024 => Rsa1024.Value;

    /// <summary>An RSA key the receiver never trusts, carrying the same <c>kid</c> as <see cref="RsaKey"/>.</summary>
    public static RsaSecurityKey AttackerRsaKey => AttackerRsa.Value;

    public static ECDsaSecurityKey EcKey => Ec256.Value;

    public static ECDsaSecurityKey EcKey384 => Ec384.Value;

    /// <summary>The bytes of the receiver's HS256 key (<see cref="Symmetric"/> of 32 bytes).</summary>
    public static byte[] HmacKey => Symmetric(32).Key;

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

    /// <summary>A 32-byte HMAC key unlike <see cref="Symmetric"/>'s, under the given kid.</summary>
    public static SymmetricSecurityKey OtherSymmetric(string kid) => new(RandomNumberGenerator.GetBytes(32)) { KeyId = kid };

    /// <summary>The public half of an asymmetric key, as the receiver would hold it.</summary>
    public static SecurityKey PublicOf(SecurityKey key) => key switch
    {
        RsaSecurityKey rsa => new RsaSecurityKey(rsa.Rsa.ExportParameters(false)) { KeyId = rsa.KeyId },
        ECDsaSecurityKey ec => new ECDsaSecurityKey(ECDsa.Create(ec.ECDsa.ExportParameters(false))) { KeyId = ec.KeyId },
        _ => key,
    };

    public static SigningCredentials Credentials(string algorithm = "ES256") => new(KeyFor(algorithm), algorithm);

    public static SubjectIdentifier Opaque(string id = "stream-1") => new OpaqueSubjectIdentifier { Id = id };

    public static UnknownSecurityEvent Event(string type = EventType, string payload = "{}") =>
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

    /// <summary>A Shared Signals descriptor (opaque <c>sub_id</c>) signed with HS256.</summary>
    public static SecurityEventTokenDescriptor SharedSignalsDescriptor(params SecurityEvent[] events)
    {
        var descriptor = Descriptor("HS256");
        descriptor.Profile = SecurityEventProfile.SharedSignals;
        descriptor.SubjectId = Opaque();
        descriptor.Events = events.Length == 0 ? [Event()] : [.. events];
        return descriptor;
    }

    /// <summary>A Back-Channel Logout descriptor with a <c>sid</c>, signed with HS256.</summary>
    public static SecurityEventTokenDescriptor LogoutDescriptor()
    {
        var descriptor = Descriptor("HS256");
        descriptor.Profile = SecurityEventProfile.BackChannelLogout;
        descriptor.Events = [Event(SecurityEventTypes.BackChannelLogout)];
        descriptor.AdditionalClaims["sid"] = "session-1";
        return descriptor;
    }

    /// <summary>Parameters that accept <see cref="Descriptor"/>'s tokens.</summary>
    public static SecurityEventTokenValidationParameters Parameters(string algorithm = "ES256") => new()
    {
        ValidIssuers = [Issuer],
        ValidAudiences = [Audience],
        SigningKeys = [PublicOf(KeyFor(algorithm))],
    };

    /// <summary>Parameters for hand-built HS256 tokens, optionally changed by the test.</summary>
    public static SecurityEventTokenValidationParameters HmacParameters(Action<SecurityEventTokenValidationParameters>? configure = null)
    {
        var parameters = Parameters("HS256");
        configure?.Invoke(parameters);
        return parameters;
    }

    public static SecurityEventTokenHandler Handler(TimeProvider? time = null) => new(time ?? new ManualTimeProvider(Now));

    /// <summary>A JOSE header JSON; <paramref name="typ"/> <see langword="null"/> leaves it out.</summary>
    public static string Header(string alg = "HS256", string? typ = "secevent+jwt", string? extraMembers = null)
    {
        var members = new List<string> { $"\"alg\":{JsonSerializer.Serialize(alg)}" };
        if (typ is not null)
        {
            members.Add($"\"typ\":{JsonSerializer.Serialize(typ)}");
        }

        if (extraMembers is not null)
        {
            members.Add(extraMembers);
        }

        return "{" + string.Join(",", members) + "}";
    }

    /// <summary>
    /// A valid RFC 8417 claims set as JSON (iss, iat, jti, aud, events), minus the claims named in
    /// <paramref name="without"/>, plus <paramref name="extraMembers"/> (raw JSON members) at the end.
    /// </summary>
    public static string Payload(string? extraMembers = null, params string[] without)
    {
        var members = new List<(string Name, string Json)>
        {
            ("iss", JsonSerializer.Serialize(Issuer)),
            ("iat", NowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("jti", JsonSerializer.Serialize(JwtId)),
            ("aud", JsonSerializer.Serialize(Audience)),
            ("events", $"{{{JsonSerializer.Serialize(EventType)}:{{}}}}"),
        };
        var kept = members.Where(m => !without.Contains(m.Name)).Select(m => $"\"{m.Name}\":{m.Json}").ToList();
        if (extraMembers is not null)
        {
            kept.Add(extraMembers);
        }

        return "{" + string.Join(",", kept) + "}";
    }

    /// <summary>An HS256 token over <paramref name="payload"/> (default <see cref="Payload"/>) and <paramref name="header"/>.</summary>
    public static string Hs256(string? payload = null, string? header = null) =>
        RawToken.Sign(header ?? Header(), payload ?? Payload(), HmacKey);

    /// <summary>Validates with a handler on <see cref="Now"/> and <see cref="HmacParameters"/>.</summary>
    public static ValueTask<SecurityEventTokenValidationResult> ValidateAsync(
        string token, Action<SecurityEventTokenValidationParameters>? configure = null, TimeProvider? time = null) =>
        Handler(time).ValidateTokenAsync(token, HmacParameters(configure));
}
