using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using SecEvent.Tokens.Jose;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens.Validation;

/// <summary>
/// The envelope claims a profile judges, read once from a claims set (or filled from a descriptor when a
/// token is created, so both paths are judged by the same rules).
/// </summary>
internal sealed class TokenClaims
{
    public string? Issuer { get; set; }

    public NumericDate? IssuedAt { get; set; }

    public string? JwtId { get; set; }

    public bool HasAudience { get; set; }

    public IReadOnlyList<string> Audiences { get; set; } = [];

    public NumericDate? Expiration { get; set; }

    public NumericDate? NotBefore { get; set; }

    public NumericDate? TimeOfEvent { get; set; }

    public string? TransactionId { get; set; }

    public string? Subject { get; set; }

    public SubjectIdentifier? SubjectId { get; set; }

    public bool HasSessionId { get; set; }

    public bool HasNonce { get; set; }

    /// <summary>The event identifiers in order; <see langword="null"/> when <c>events</c> is absent.</summary>
    public IReadOnlyList<string>? EventTypes { get; set; }

    /// <summary>The <c>events</c> object as received (validation only).</summary>
    public JsonElement Events { get; set; }

    /// <summary>Reads and type-checks the registered claims of a claims set (RFC 7519 §4.1, RFC 8417 §2.2, RFC 9493 §4.1).</summary>
    public static bool TryRead(JsonElement payload, out TokenClaims claims, [NotNullWhen(false)] out SecurityEventError? error)
    {
        claims = new TokenClaims();
        foreach (var claim in payload.EnumerateObject())
        {
            error = claims.ReadClaim(claim.Name, claim.Value);
            if (error is not null)
            {
                return false;
            }
        }

        error = null;
        return true;
    }

    /// <summary>Whether <see cref="ReadClaim"/> judges a claim that has no descriptor property of its own.</summary>
    public static bool JudgesAdditionalClaim(string name) =>
        name is SecurityEventClaimNames.SessionId or SecurityEventClaimNames.Nonce or SecurityEventClaimNames.NotBefore;

    /// <summary>Reads and type-checks one claim; other claims are ignored.</summary>
    public SecurityEventError? ReadClaim(string name, JsonElement value)
    {
        // Each reader returns the problem or null; on a problem the assigned value is never used.
        SecurityEventError? problem;
        switch (name)
        {
            case SecurityEventClaimNames.Issuer:
                problem = ReadString(value, name, out var iss);
                Issuer = iss;
                return problem;
            case SecurityEventClaimNames.JwtId:
                problem = ReadString(value, name, out var jti);
                JwtId = jti;
                return problem;
            case SecurityEventClaimNames.TransactionId:
                problem = ReadString(value, name, out var txn);
                TransactionId = txn;
                return problem;
            case SecurityEventClaimNames.Subject:
                problem = ReadString(value, name, out var sub);
                Subject = sub;
                return problem;
            case SecurityEventClaimNames.SessionId:
                HasSessionId = true;
                return ReadString(value, name, out _);
            case SecurityEventClaimNames.Nonce:
                HasNonce = true;
                return null;
            case SecurityEventClaimNames.IssuedAt:
                problem = ReadDate(value, name, out var iat);
                IssuedAt = iat;
                return problem;
            case SecurityEventClaimNames.Expiration:
                problem = ReadDate(value, name, out var exp);
                Expiration = exp;
                return problem;
            case SecurityEventClaimNames.NotBefore:
                problem = ReadDate(value, name, out var nbf);
                NotBefore = nbf;
                return problem;
            case SecurityEventClaimNames.TimeOfEvent:
                problem = ReadDate(value, name, out var toe);
                TimeOfEvent = toe;
                return problem;
            case SecurityEventClaimNames.Audience:
                return ReadAudience(value);
            case SecurityEventClaimNames.SubjectId:
                return ReadSubjectId(value);
            case SecurityEventClaimNames.Events:
                return ReadEvents(value);
            default:
                return null;
        }
    }

    private static SecurityEventError? ReadString(JsonElement value, string name, out string? text)
    {
        text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return string.IsNullOrEmpty(text)
            ? SecurityEventError.Request($"The '{name}' claim must be a non-empty string (RFC 7519 §4.1).")
            : null;
    }

    private static SecurityEventError? ReadDate(JsonElement value, string name, out NumericDate date)
    {
        date = default;
        return value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var seconds) && NumericDate.TryCreate(seconds, out date)
            ? null
            : SecurityEventError.Request($"The '{name}' claim must be a NumericDate: a JSON number of seconds since the epoch (RFC 7519 §2).");
    }

    private SecurityEventError? ReadAudience(JsonElement value)
    {
        HasAudience = true;
        if (value.ValueKind == JsonValueKind.String)
        {
            Audiences = new[] { value.GetString()! };
            return null;
        }

        var problem = SecurityEventError.Request("The 'aud' claim must be a string or an array of strings (RFC 7519 §4.1.3).");
        if (value.ValueKind != JsonValueKind.Array)
        {
            return problem;
        }

        var audiences = new string[value.GetArrayLength()];
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return problem;
            }

            audiences[i++] = item.GetString()!;
        }

        Audiences = audiences;
        return null;
    }

    private SecurityEventError? ReadSubjectId(JsonElement value)
    {
        if (!SubjectIdentifier.TryParse(value, out var subject, out var problem))
        {
            return SecurityEventError.Request($"The 'sub_id' claim is not a valid subject identifier (RFC 9493 §4.1): {problem}");
        }

        SubjectId = subject;
        return null;
    }

    private SecurityEventError? ReadEvents(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return SecurityEventError.Request("The 'events' claim must be a JSON object (RFC 8417 §2.2).");
        }

        var types = new List<string>();
        foreach (var e in value.EnumerateObject())
        {
            if (EventProblem(e.Name, e.Value.ValueKind) is { } problem)
            {
                return problem;
            }

            types.Add(e.Name);
        }

        EventTypes = types;
        Events = value;
        return null;
    }

    /// <summary>SET-01 and SET-02: an event identifier is a URI and its payload a JSON object.</summary>
    public static SecurityEventError? EventProblem(string eventType, JsonValueKind payloadKind)
    {
        if (!UriSyntax.IsAbsoluteUri(eventType))
        {
            return SecurityEventError.Request("An event identifier in 'events' is not a URI (RFC 8417 §1.2).");
        }

        return payloadKind == JsonValueKind.Object
            ? null
            : SecurityEventError.Request("An event payload in 'events' is not a JSON object (RFC 8417 §1.2).");
    }
}
