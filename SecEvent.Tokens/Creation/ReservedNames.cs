namespace SecEvent.Tokens.Creation;

/// <summary>Claim and header names the descriptor writes from typed properties, or never writes.</summary>
internal static class ReservedNames
{
    /// <summary>Claims that have a descriptor property; the additional-claims dictionary must not repeat them.</summary>
    public static bool IsTypedClaim(string name) => name is
        SecurityEventClaimNames.Issuer or SecurityEventClaimNames.IssuedAt or SecurityEventClaimNames.JwtId
        or SecurityEventClaimNames.Audience or SecurityEventClaimNames.Events or SecurityEventClaimNames.TransactionId
        or SecurityEventClaimNames.TimeOfEvent or SecurityEventClaimNames.SubjectId or SecurityEventClaimNames.Subject
        or SecurityEventClaimNames.Expiration;

    /// <summary>
    /// Header parameters the handler writes itself (alg, typ, kid) or that validation refuses or may refuse
    /// (crit, zip, enc, b64, and cty, whose value JWT marks a nested token).
    /// </summary>
    public static bool IsReservedHeader(string name) => name is "alg" or "typ" or "kid" or "crit" or "zip" or "enc" or "b64" or "cty";
}
