using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.Caep;

/// <summary>A credential of the subject was created, revoked, updated or deleted (OpenID CAEP 1.0 §3.3).</summary>
public sealed record CaepCredentialChange() : CaepEvent(CaepEventTypes.CredentialChange)
{
    /// <summary>The kind of credential: one of <see cref="CaepCredentialTypes"/> or a value the parties agreed on; REQUIRED.</summary>
    [JsonPropertyName("credential_type")]
    public required string CredentialType { get; init; }

    /// <summary>What happened to the credential; REQUIRED.</summary>
    [JsonPropertyName("change_type")]
    public required CaepChangeType ChangeType { get; init; }

    /// <summary>The credential's name as the user knows it; OPTIONAL.</summary>
    [JsonPropertyName("friendly_name")]
    public string? FriendlyName { get; init; }

    /// <summary>The issuer of an X.509 credential; OPTIONAL.</summary>
    [JsonPropertyName("x509_issuer")]
    public string? X509Issuer { get; init; }

    /// <summary>The serial number of an X.509 credential; OPTIONAL.</summary>
    [JsonPropertyName("x509_serial")]
    public string? X509Serial { get; init; }

    /// <summary>The AAGUID of a FIDO2 authenticator; OPTIONAL.</summary>
    [JsonPropertyName("fido2_aaguid")]
    public string? Fido2Aaguid { get; init; }

    /// <inheritdoc />
    protected internal override string? Validate(SecurityEventContext context) =>
        base.Validate(context)
        ?? EventRules.Required(CredentialType, "credential_type", EventType, "CAEP 1.0 §3.3.1")
        ?? EventRules.Defined<CaepChangeType>(ChangeType, "change_type", EventType, "CAEP 1.0 §3.3.1");
}
