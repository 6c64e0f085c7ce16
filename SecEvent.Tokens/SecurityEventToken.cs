using System.Runtime.CompilerServices;
using System.Text.Json;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens;

/// <summary>
/// A validated Security Event Token (RFC 8417): its envelope claims, its events, and its JOSE header and
/// claims set exactly as received. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <see cref="ToString"/> never prints the token or its claims set; it names the <c>jti</c>, issuer and event types.
/// <see cref="SecurityEventTokenDescriptor.FromToken"/> turns a token back into a descriptor that writes the same claims.
/// </remarks>
public sealed class SecurityEventToken
{
    private readonly byte[] _headerUtf8;

    // A box, not a nullable struct field: a reference is published atomically, so concurrent first reads are safe.
    private StrongBox<JsonElement>? _header;

    internal SecurityEventToken(JsonElement payload, Validation.JoseHeader joseHeader, Validation.TokenClaims claims, SecurityEvent[] events)
    {
        _headerUtf8 = joseHeader.Utf8;
        Payload = payload;
        Issuer = claims.Issuer!;
        IssuedAt = claims.IssuedAt!.Value;
        JwtId = claims.JwtId!;
        // Read-only wrappers: callers must not be able to cast back to an array and change the token.
        Audiences = claims.Audiences is string[] { Length: > 0 } audiences ? Array.AsReadOnly(audiences) : [];
        Events = Array.AsReadOnly(events);
        TransactionId = claims.TransactionId;
        TimeOfEvent = claims.TimeOfEvent;
        SubjectId = claims.SubjectId;
        Subject = claims.Subject;
        Expiration = claims.Expiration;
        Algorithm = joseHeader.Algorithm;
        Type = joseHeader.Type;
        KeyId = joseHeader.KeyId;
    }

    /// <summary>The issuer, <c>iss</c> (RFC 8417 §2.2).</summary>
    public string Issuer { get; }

    /// <summary>When the SET was issued, <c>iat</c> (RFC 8417 §2.2).</summary>
    public NumericDate IssuedAt { get; }

    /// <summary>The SET's unique identifier, <c>jti</c> (RFC 8417 §2.2).</summary>
    public string JwtId { get; }

    /// <summary>The audience values, <c>aud</c>; empty when the claim is absent (RFC 7519 §4.1.3).</summary>
    public IReadOnlyList<string> Audiences { get; }

    /// <summary>The events, in the order of the <c>events</c> claim (RFC 8417 §2.2).</summary>
    public IReadOnlyList<SecurityEvent> Events { get; }

    /// <summary>The transaction identifier, <c>txn</c>, if present (RFC 8417 §2.2).</summary>
    public string? TransactionId { get; }

    /// <summary>The time of the event, <c>toe</c>, if present (RFC 8417 §2.2).</summary>
    public NumericDate? TimeOfEvent { get; }

    /// <summary>The subject identifier, <c>sub_id</c>, if present (RFC 9493 §4.1).</summary>
    /// <remarks>Use either this or <see cref="Subject"/> to decide the subject, never both together (RFC 9493 §4.1, SUB-09).</remarks>
    public SubjectIdentifier? SubjectId { get; }

    /// <summary>The subject, <c>sub</c>, if present (RFC 7519 §4.1.2).</summary>
    public string? Subject { get; }

    /// <summary>The expiration time, <c>exp</c>, if present (RFC 7519 §4.1.4).</summary>
    public NumericDate? Expiration { get; }

    /// <summary>The JWS algorithm, <c>alg</c>, of the header.</summary>
    public string Algorithm { get; }

    /// <summary>The <c>typ</c> header parameter as written, if present.</summary>
    public string? Type { get; }

    /// <summary>The <c>kid</c> header parameter, if present.</summary>
    public string? KeyId { get; }

    /// <summary>The JOSE header, every parameter as received.</summary>
    /// <remarks>Validation reads the header without building this; it is parsed on first use (the bytes were already checked).</remarks>
    public JsonElement Header => (_header ??= new StrongBox<JsonElement>(JsonElement.Parse(_headerUtf8))).Value;

    /// <summary>The JWT claims set, every claim as received.</summary>
    public JsonElement Payload { get; }

    /// <summary>Gets any claim of the claims set, including ones without a property here (such as <c>sid</c>).</summary>
    /// <param name="name">The claim name.</param>
    /// <param name="value">The claim value.</param>
    /// <returns>Whether the claim is present.</returns>
    public bool TryGetClaim(string name, out JsonElement value) => Payload.TryGetProperty(name, out value);

    /// <summary>The first event of a given model type, or <see langword="null"/>.</summary>
    /// <typeparam name="TEvent">The event record.</typeparam>
    public TEvent? GetEvent<TEvent>()
        where TEvent : SecurityEvent
    {
        foreach (var e in Events)
        {
            if (e is TEvent match)
            {
                return match;
            }
        }

        return null;
    }

    /// <summary>A summary that names the token without revealing it: <c>jti</c>, issuer and event types.</summary>
    public override string ToString() =>
        $"SET jti={JwtId} iss={Issuer} events=[{string.Join(", ", Events.Select(e => e.EventType))}]";
}
