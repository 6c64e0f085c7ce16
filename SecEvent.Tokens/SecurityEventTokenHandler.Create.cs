using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Tokens.Creation;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Jose;
using SecEvent.Tokens.Subjects;
using SecEvent.Tokens.Validation;

namespace SecEvent.Tokens;

public sealed partial class SecurityEventTokenHandler
{
    /// <summary>Logout tokens require <c>exp</c>; Back-Channel Logout 1.0 §4 recommends at most two minutes.</summary>
    private static readonly TimeSpan LogoutTokenLifetime = TimeSpan.FromMinutes(2);

    /// <summary>Creates a signed (or explicitly unsecured) Security Event Token in compact serialization.</summary>
    /// <param name="descriptor">The claims, events, profile and signing key.</param>
    /// <returns>The compact JWS.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="descriptor"/> is <see langword="null"/>.</exception>
    /// <exception cref="SecurityEventTokenException">
    /// The token would break its profile (code <c>invalid_request</c>), or the key cannot sign it (code <c>invalid_key</c>).
    /// </exception>
    /// <exception cref="InvalidOperationException">A typed event's record is not registered with <see cref="EventTypes"/>.</exception>
    /// <exception cref="ArgumentException">An additional claim or header parameter is reserved or has an unsupported value type.</exception>
    public string CreateToken(SecurityEventTokenDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var algorithm = ResolveAlgorithm(descriptor);
        var claims = DescribeClaims(descriptor);
        var problem = ProfileRules.CheckClaims(descriptor.Profile, claims) ?? CheckSubjectId(claims.SubjectId) ?? CheckEvents(descriptor.Events);
        if (problem is not null)
        {
            throw new SecurityEventTokenException(problem);
        }

        return TokenWriter.Write(descriptor, claims, ProfileRules.TokenType(descriptor.Profile), algorithm, EventTypes);
    }

    private static JoseAlgorithm? ResolveAlgorithm(SecurityEventTokenDescriptor descriptor)
    {
        if (descriptor.Unsecured)
        {
            if (descriptor.SigningCredentials is not null)
            {
                throw new SecurityEventTokenException(SecurityEventError.Key("A descriptor cannot be both unsecured and signed."));
            }

            return ProfileRules.PermitsUnsecured(descriptor.Profile)
                ? null
                : throw new SecurityEventTokenException(SecurityEventError.Key("Logout tokens must be signed (Back-Channel Logout 1.0 §2.4)."));
        }

        if (descriptor.SigningCredentials is not { } credentials)
        {
            throw new SecurityEventTokenException(SecurityEventError.Key("SigningCredentials are required; set Unsecured only when integrity comes from elsewhere (RFC 8417 §5.1)."));
        }

        var algorithm = JoseAlgorithm.Find(credentials.Algorithm)
            ?? throw new SecurityEventTokenException(SecurityEventError.Key($"The signing algorithm must be one of {string.Join(", ", JoseAlgorithm.Names)}."));
        if (SigningKeyFit.Check(credentials.Key, algorithm, forSigning: true) is { } misfit)
        {
            throw new SecurityEventTokenException(SecurityEventError.Key(misfit));
        }

        return algorithm;
    }

    private TokenClaims DescribeClaims(SecurityEventTokenDescriptor descriptor)
    {
        var issuedAt = descriptor.IssuedAt ?? NumericDate.FromDateTimeOffset(TimeProvider.GetUtcNow());
        var expiration = descriptor.Expiration;
        if (expiration is null && descriptor.Profile == SecurityEventProfile.BackChannelLogout)
        {
            expiration = new NumericDate(decimal.Truncate(issuedAt.Seconds) + (decimal)LogoutTokenLifetime.TotalSeconds);
        }

        var claims = new TokenClaims
        {
            Issuer = NullIfEmpty(descriptor.Issuer),
            IssuedAt = issuedAt,
            JwtId = descriptor.JwtId ?? NewJwtId(),
            HasAudience = descriptor.Audiences.Count > 0,
            Audiences = [.. descriptor.Audiences],
            Expiration = expiration,
            TimeOfEvent = descriptor.TimeOfEvent,
            TransactionId = descriptor.TransactionId,
            Subject = descriptor.Subject,
            SubjectId = descriptor.SubjectId,
            EventTypes = [.. descriptor.Events.Select(e => e.EventType)],
        };

        foreach (var (name, value) in descriptor.AdditionalClaims)
        {
            if (ReservedNames.IsTypedClaim(name))
            {
                throw new ArgumentException($"Set the '{name}' claim through its descriptor property.", nameof(descriptor));
            }

            claims.HasSessionId |= name == SecurityEventClaimNames.SessionId && value is not null;
            claims.HasNonce |= name == SecurityEventClaimNames.Nonce;
        }

        if (claims.JwtId.Length == 0)
        {
            throw new SecurityEventTokenException(SecurityEventError.Request("The 'jti' claim must not be empty (RFC 7519 §4.1.7)."));
        }

        return claims;
    }

    /// <summary>SET-01/02/04 and each event's own rules, checked before anything is written.</summary>
    private SecurityEventError? CheckEvents(IList<SecurityEvent> events)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (TokenClaims.EventProblem(e.EventType, JsonValueKind.Object) is { } problem)
            {
                return problem;
            }

            if (!seen.Add(e.EventType))
            {
                return SecurityEventError.Request("An event type appears twice; each event identifier appears once in 'events' (RFC 8417 §2.2).");
            }

            if (e is UnknownSecurityEvent unknown)
            {
                // Raw payloads of registered types must read as that type, or our own validator would refuse them.
                if (EventTypes.Find(unknown.EventType) is { } entry && ReadProblem(entry, unknown) is { } readProblem)
                {
                    return readProblem;
                }

                continue;
            }

            var registered = EventTypes.Find(e.GetType())
                ?? throw new InvalidOperationException($"The event record {e.GetType().Name} is not registered with the handler's SecurityEventTypeRegistry.");
            if (registered.EventType != e.EventType)
            {
                return SecurityEventError.Request($"The {e.GetType().Name} event reports a type other than the one it is registered for.");
            }

            if (e.Validate() is { } invalid)
            {
                return SecurityEventError.Request(invalid);
            }
        }

        return null;
    }

    private static SecurityEventError? ReadProblem(SecurityEventTypeEntry entry, UnknownSecurityEvent unknown)
    {
        try
        {
            return entry.Read(unknown.Payload).Validate() is { } problem ? SecurityEventError.Request(problem) : null;
        }
        catch (JsonException ex)
        {
            return SecurityEventError.Request($"The '{entry.EventType}' event payload does not fit its type: {ex.Message}");
        }
    }

    /// <summary>A typed identifier can still hold values its format forbids (SUB-03): judge it as a receiver would.</summary>
    private static SecurityEventError? CheckSubjectId(SubjectIdentifier? subject)
    {
        if (subject is null)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            subject.WriteTo(writer);
        }

        return SubjectIdentifier.TryParse(JsonElement.Parse(buffer.WrittenSpan), out _, out var problem)
            ? null
            : SecurityEventError.Request($"The 'sub_id' claim is not a valid subject identifier (RFC 9493 §4.1): {problem}");
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    // RFC 8417 §2.2: jti must be unique within the feed; 128 random bits make collisions negligible.
    private static string NewJwtId()
    {
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        return Base64Url.EncodeToString(random);
    }
}
