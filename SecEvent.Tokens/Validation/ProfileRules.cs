using SecEvent.Tokens.Events;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens.Validation;

/// <summary>
/// What each profile demands of the JOSE header and of the claims. Creation and validation both call these,
/// so the library never writes a token its own profile would refuse.
/// </summary>
internal static class ProfileRules
{
    /// <summary>The <c>typ</c> a token of the profile is written with.</summary>
    public static string TokenType(SecurityEventProfile profile) =>
        profile == SecurityEventProfile.BackChannelLogout ? SecurityEventTokenTypes.LogoutJwt : SecurityEventTokenTypes.SecurityEventJwt;

    /// <summary>Whether the profile can ever accept an Unsecured JWS (<c>alg: none</c>).</summary>
    public static bool PermitsUnsecured(SecurityEventProfile profile) =>
        profile != SecurityEventProfile.BackChannelLogout; // BCL 1.0 §2.6 step 3: alg none MUST NOT be used.

    /// <summary>Whether an encrypted token repeats <c>iss</c> in its JWE header (BCL-05: Back-Channel Logout 1.0 §2.4 SHOULD).</summary>
    public static bool ReplicatesIssuer(SecurityEventProfile profile) => profile == SecurityEventProfile.BackChannelLogout;

    /// <summary>SET-09/10, SSF-08, BCL-06: checks the <c>typ</c> header parameter.</summary>
    public static SecurityEventError? CheckType(SecurityEventProfile profile, string? typ, bool present)
    {
        if (present && typ is null)
        {
            return SecurityEventError.Request("The 'typ' header parameter must be a string (RFC 7515 §4.1.9).");
        }

        var absent = typ is null;
        return profile switch
        {
            SecurityEventProfile.Rfc8417 when absent || Is(typ!, SecurityEventTokenTypes.SecurityEventJwt) => null,
            SecurityEventProfile.Rfc8417 =>
                SecurityEventError.Request("The 'typ' header parameter, when present, must be 'secevent+jwt' (RFC 8417 §2.3)."),
            SecurityEventProfile.SharedSignals when !absent && Is(typ!, SecurityEventTokenTypes.SecurityEventJwt) => null,
            SecurityEventProfile.SharedSignals =>
                SecurityEventError.Request("The 'typ' header parameter must be 'secevent+jwt' (OpenID SSF 1.0 §4.1.1)."),
            _ when absent || Is(typ!, SecurityEventTokenTypes.LogoutJwt) || Is(typ!, SecurityEventTokenTypes.Jwt) => null,
            _ => SecurityEventError.Request("The 'typ' header parameter of a logout token must be absent, 'JWT' or 'logout+jwt' (Back-Channel Logout 1.0 §2.4)."),
        };
    }

    /// <summary>SET-07, SSF-01/08/09/36/38, BCL-03/04: checks the claims against the profile.</summary>
    public static SecurityEventError? CheckClaims(SecurityEventProfile profile, TokenClaims claims)
    {
        if (CheckRfc8417(claims) is { } core)
        {
            return core;
        }

        return profile switch
        {
            SecurityEventProfile.SharedSignals => CheckSharedSignals(claims),
            SecurityEventProfile.BackChannelLogout => CheckBackChannelLogout(claims),
            _ => null,
        };
    }

    private static SecurityEventError? CheckRfc8417(TokenClaims claims)
    {
        if (claims.Issuer is null)
        {
            return Missing(SecurityEventClaimNames.Issuer, "RFC 8417 §2.2");
        }

        if (claims.IssuedAt is null)
        {
            return Missing(SecurityEventClaimNames.IssuedAt, "RFC 8417 §2.2");
        }

        if (claims.JwtId is null)
        {
            return Missing(SecurityEventClaimNames.JwtId, "RFC 8417 §2.2");
        }

        return claims.EventTypes is { Count: > 0 }
            ? null
            : SecurityEventError.Request("The 'events' claim is required and must hold at least one event (RFC 8417 §2.2).");
    }

    private static SecurityEventError? CheckSharedSignals(TokenClaims claims)
    {
        if (claims.SubjectId is null)
        {
            return Missing(SecurityEventClaimNames.SubjectId, "OpenID SSF 1.0 §3.1");
        }

        if (claims.Subject is not null)
        {
            return SecurityEventError.Request("The 'sub' claim must not be present; use 'sub_id' (OpenID SSF 1.0 §4.1.2).");
        }

        if (claims.Expiration is not null)
        {
            return SecurityEventError.Request("The 'exp' claim must not be present (OpenID SSF 1.0 §4.1.7).");
        }

        // SSF-36, SSF-38: stream events name their stream with an opaque sub_id.
        foreach (var type in claims.EventTypes!)
        {
            if (type is SecurityEventTypes.SsfVerification or SecurityEventTypes.SsfStreamUpdated
                && claims.SubjectId is not OpaqueSubjectIdentifier)
            {
                return SecurityEventError.Request("A verification or stream-updated event needs an 'opaque' sub_id naming the stream (OpenID SSF 1.0 §8.1.4.1, §8.1.5).");
            }
        }

        return null;
    }

    private static SecurityEventError? CheckBackChannelLogout(TokenClaims claims)
    {
        if (claims.Audiences.Count == 0)
        {
            return Missing(SecurityEventClaimNames.Audience, "Back-Channel Logout 1.0 §2.4");
        }

        if (claims.Expiration is null)
        {
            return Missing(SecurityEventClaimNames.Expiration, "Back-Channel Logout 1.0 §2.4");
        }

        if (claims.Subject is null && !claims.HasSessionId)
        {
            return SecurityEventError.Request("A logout token must carry 'sub', 'sid' or both (Back-Channel Logout 1.0 §2.4).");
        }

        if (claims.HasNonce)
        {
            return SecurityEventError.Request("A logout token must not carry 'nonce' (Back-Channel Logout 1.0 §2.4).");
        }

        return claims.EventTypes!.Contains(SecurityEventTypes.BackChannelLogout)
            ? null
            : SecurityEventError.Request("A logout token's 'events' must contain 'http://schemas.openid.net/event/backchannel-logout' (Back-Channel Logout 1.0 §2.4).");
    }

    private static SecurityEventError Missing(string claim, string section) =>
        SecurityEventError.Request($"The '{claim}' claim is required ({section}).");

    // RFC 7515 §4.1.9: compare case-insensitively; "application/" may be omitted when no other '/' appears.
    private static bool Is(string typ, string expected)
    {
        var value = typ.StartsWith("application/", StringComparison.OrdinalIgnoreCase) ? typ.AsSpan("application/".Length) : typ.AsSpan();
        return value.Equals(expected, StringComparison.OrdinalIgnoreCase);
    }
}
