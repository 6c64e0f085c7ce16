using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.Caep;

/// <summary>Claims of a token issued to the subject changed (OpenID CAEP 1.0 §3.2).</summary>
/// <remarks>
/// The token is usually named by a <c>jwt_id</c> or <c>saml_assertion_id</c> subject. The values of
/// <see cref="Claims"/> may be any JSON (CAEP 1.0 figure 7 sends <c>false</c>).
/// </remarks>
public sealed record CaepTokenClaimsChange() : CaepEvent(CaepEventTypes.TokenClaimsChange)
{
    /// <summary>The claims that changed, with their new values; REQUIRED, at least one (CAEP 1.0 §3.2.1).</summary>
    [JsonPropertyName("claims")]
    public required IReadOnlyDictionary<string, JsonElement> Claims { get; init; }

    /// <inheritdoc />
    protected internal override string? Validate(SecurityEventContext context) =>
        base.Validate(context) ?? EventRules.NonEmptyObject(Claims, "claims", EventType, "CAEP 1.0 §3.2.1");
}
