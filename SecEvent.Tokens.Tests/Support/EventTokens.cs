namespace SecEvent.Tokens.Tests.Support;

/// <summary>Hand-built Shared Signals tokens around one raw <c>events</c> claim.</summary>
public static class EventTokens
{
    public const string OpaqueSubId = "\"sub_id\":{\"format\":\"opaque\",\"id\":\"stream-1\"}";

    /// <summary>An HS256 SSF token whose <c>events</c> claim holds <paramref name="eventType"/> → <paramref name="payloadJson"/>.</summary>
    public static string WithEvent(string eventType, string payloadJson) =>
        Some.Hs256(Some.Payload($"{OpaqueSubId},\"events\":{{\"{eventType}\":{payloadJson}}}", "events"));

    /// <summary>Validates under the Shared Signals profile, optionally with a handler of another registry.</summary>
    public static ValueTask<SecurityEventTokenValidationResult> ValidateAsync(string token, SecurityEventTokenHandler? handler = null) =>
        (handler ?? Some.Handler()).ValidateTokenAsync(token, Some.HmacParameters(p => p.Profile = SecurityEventProfile.SharedSignals));
}
