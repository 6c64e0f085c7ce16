using System.Text.Json;

namespace SecEvent.Tokens.Events.OAuth;

/// <summary>An OAuth client as the subject of an OAuth event (OAuth Event Types 1.0 §2.2, subject type <c>oauth_client</c>).</summary>
/// <remarks>Written as <c>{"subject_type":"oauth_client","client_id":…}</c>.</remarks>
public sealed record OAuthClientSubject
{
    /// <summary>The subject type name.</summary>
    public const string SubjectType = "oauth_client";

    /// <summary>The client identifier (RFC 6749 §2.2); REQUIRED.</summary>
    public required string ClientId { get; init; }

    /// <summary>Members the record does not declare, kept and written back unchanged.</summary>
    public IReadOnlyDictionary<string, JsonElement>? AdditionalMembers { get; init; }

    /// <summary>Checks the member an empty string could break.</summary>
    internal string? Problem() =>
        string.IsNullOrEmpty(ClientId) ? $"The '{SubjectType}' subject needs a non-empty 'client_id' (OAuth Event Types 1.0 §2.2)." : null;
}
