using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Tokens.Creation;
using SecEvent.Tokens.Encryption;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Jose;
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
        if (descriptor.EncryptingCredentials is { } encrypting
            && (algorithm is null ? "An unsecured SET is not encrypted: a SET is signed, then encrypted (RFC 7519 §5.2)." : JweWriter.Check(encrypting)) is { } misfit)
        {
            throw new SecurityEventTokenException(SecurityEventError.Key(misfit));
        }

        var claims = DescribeClaims(descriptor);
        var problem = ProfileRules.CheckClaims(descriptor.Profile, claims) ?? CheckEvents(descriptor.Events, new SecurityEventContext(descriptor.Profile, claims));
        if (problem is not null)
        {
            throw new SecurityEventTokenException(problem);
        }

        var signed = TokenWriter.Write(descriptor, claims, ProfileRules.TokenType(descriptor.Profile), algorithm, EventTypes);
        return descriptor.EncryptingCredentials is { } recipient
            ? JweWriter.Write(signed, recipient, ProfileRules.ReplicatesIssuer(descriptor.Profile) ? claims.Issuer : null)
            : signed;
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
        // Whole seconds: fractions are legal (RFC 7519 §2) but many receivers read iat as an integer.
        var issuedAt = descriptor.IssuedAt ?? new NumericDate(TimeProvider.GetUtcNow().ToUnixTimeSeconds());
        var expiration = descriptor.Expiration;
        if (expiration is null && descriptor.Profile == SecurityEventProfile.BackChannelLogout)
        {
            expiration = new NumericDate(decimal.Truncate(issuedAt.Seconds) + (decimal)LogoutTokenLifetime.TotalSeconds);
        }

        var claims = new TokenClaims
        {
            Issuer = NullIfEmpty(descriptor.Issuer),
            IssuedAt = issuedAt,
            JwtId = descriptor.JwtId ?? JwtIdGenerator.Next(),
            HasAudience = descriptor.Audiences.Count > 0,
            Audiences = descriptor.Audiences.Count == 0 ? [] : descriptor.Audiences.ToArray(),
            Expiration = expiration,
            TimeOfEvent = descriptor.TimeOfEvent,
            TransactionId = descriptor.TransactionId,
            Subject = descriptor.Subject,
            SubjectId = descriptor.SubjectId,
            EventTypes = EventTypesOf(descriptor.Events),
        };

        foreach (var (name, value) in descriptor.AdditionalClaims)
        {
            if (ReservedNames.IsTypedClaim(name))
            {
                throw new ArgumentException($"Set the '{name}' claim through its descriptor property.", nameof(descriptor));
            }

            // sid, nonce and nbf are judged by the validator's own reader, so creation cannot disagree with it.
            if (TokenClaims.JudgesAdditionalClaim(name)
                && claims.ReadClaim(name, ClaimValueWriter.ToElement(name, value)) is { } problem)
            {
                throw new SecurityEventTokenException(problem);
            }
        }

        if (claims.JwtId.Length == 0 || descriptor.TransactionId is { Length: 0 } || descriptor.Subject is { Length: 0 })
        {
            throw new SecurityEventTokenException(SecurityEventError.Request("The 'jti', 'txn' and 'sub' claims must not be empty strings (RFC 7519 §4.1)."));
        }

        return claims;
    }

    /// <summary>SET-01/02/04 and each event's own rules, checked before anything is written.</summary>
    private SecurityEventError? CheckEvents(IList<SecurityEvent> events, SecurityEventContext context)
    {
        for (var index = 0; index < events.Count; index++)
        {
            var e = events[index];
            if (TokenClaims.EventProblem(e.EventType, JsonValueKind.Object) is { } problem)
            {
                return problem;
            }

            if (AppearsEarlier(events, index))
            {
                return SecurityEventError.Request("An event type appears twice; each event identifier appears once in 'events' (RFC 8417 §2.2).");
            }

            if (e is UnknownSecurityEvent unknown)
            {
                // Raw payloads of registered types must read as that type, or our own validator would refuse them.
                if (EventTypes.Find(unknown.EventType) is { } entry && ReadProblem(entry, unknown, context) is { } readProblem)
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

            if (e.Validate(context) is { } invalid)
            {
                return SecurityEventError.Request(invalid);
            }
        }

        return null;
    }

    private static string[] EventTypesOf(IList<SecurityEvent> events)
    {
        var types = new string[events.Count];
        for (var i = 0; i < types.Length; i++)
        {
            types[i] = events[i].EventType;
        }

        return types;
    }

    // A SET carries one event, rarely a few (SSF 1.0 §4.2.1): a scan beats building a set for each token.
    private static bool AppearsEarlier(IList<SecurityEvent> events, int index)
    {
        for (var i = 0; i < index; i++)
        {
            if (string.Equals(events[i].EventType, events[index].EventType, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static SecurityEventError? ReadProblem(SecurityEventTypeEntry entry, UnknownSecurityEvent unknown, SecurityEventContext context)
    {
        try
        {
            return entry.Read(unknown.Payload).Validate(context) is { } problem ? SecurityEventError.Request(problem) : null;
        }
        catch (JsonException ex)
        {
            return SecurityEventError.Request(entry.Describe(ex));
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
