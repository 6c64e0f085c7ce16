using SecEvent.Tokens.Events;

namespace SecEvent.Tokens.Tests.Support;

/// <summary>Hand-built Shared Signals tokens around one raw <c>events</c> claim.</summary>
public static class EventTokens
{
    public const string OpaqueSubId = "\"sub_id\":{\"format\":\"opaque\",\"id\":\"stream-1\"}";

    /// <summary>An HS256 SSF token whose <c>events</c> claim holds <paramref name="eventType"/> → <paramref name="payloadJson"/>.</summary>
    public static string WithEvent(string eventType, string payloadJson) =>
        Some.Hs256(Some.Payload($"{OpaqueSubId},\"events\":{{\"{eventType}\":{payloadJson}}}", "events"));

    /// <summary>An HS256 SSF token with the given <c>sub_id</c> JSON around one event.</summary>
    public static string WithSubject(string subIdJson, string eventType, string payloadJson) =>
        Some.Hs256(Some.Payload($"\"sub_id\":{subIdJson},\"events\":{{\"{eventType}\":{payloadJson}}}", "events"));

    /// <summary>Creates a Shared Signals token (opaque <c>sub_id</c>, HS256) around typed events and validates it back.</summary>
    public static async Task<SecurityEventToken> RoundTripAsync(params SecurityEvent[] events)
    {
        var token = Some.Handler().CreateToken(Some.SharedSignalsDescriptor(events));
        return (await ValidateAsync(token)).ShouldBeAccepted();
    }

    /// <summary>The error creation reports for a Shared Signals descriptor around the events.</summary>
    public static SecurityEventError CreationError(params SecurityEvent[] events) =>
        CreationError(Some.SharedSignalsDescriptor(events));

    /// <summary>The error creation reports for a descriptor.</summary>
    public static SecurityEventError CreationError(SecurityEventTokenDescriptor descriptor)
    {
        try
        {
            Some.Handler().CreateToken(descriptor);
        }
        catch (SecurityEventTokenException ex)
        {
            return ex.Error;
        }

        throw new InvalidOperationException("CreateToken accepted the descriptor.");
    }

    /// <summary>Validates under the Shared Signals profile, optionally with a handler of another registry.</summary>
    public static ValueTask<SecurityEventTokenValidationResult> ValidateAsync(string token, SecurityEventTokenHandler? handler = null) =>
        (handler ?? Some.Handler()).ValidateTokenAsync(token, Some.HmacParameters(p => p.Profile = SecurityEventProfile.SharedSignals));
}
