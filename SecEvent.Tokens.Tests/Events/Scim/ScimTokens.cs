using System.Text.Json;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Subjects;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Events.Scim;

/// <summary>Hand-built and created SETs around one SCIM event, with a <c>scim</c> subject.</summary>
internal static class ScimTokens
{
    public const string SubId = "\"sub_id\":{\"format\":\"scim\",\"uri\":\"/Users/2819c223-7f76-453a-919d-413861904646\"}";
    public const string Txn = "734f0614e3274f288f93ac74119dcf78";

    public static ScimSubjectIdentifier Subject => new() { Uri = "/Users/2819c223-7f76-453a-919d-413861904646" };

    /// <summary>An HS256 token whose <c>events</c> claim holds one event, plus the given raw claims (default: the scim <c>sub_id</c>).</summary>
    public static string Token(string eventType, string payloadJson, string claims = SubId) =>
        Some.Hs256(Some.Payload($"{claims},\"events\":{{\"{eventType}\":{payloadJson}}}", "events"));

    /// <summary>Validates with the default registry under <paramref name="profile"/>.</summary>
    public static ValueTask<SecurityEventTokenValidationResult> ValidateAsync(string token, SecurityEventProfile profile = SecurityEventProfile.SharedSignals) =>
        Some.ValidateAsync(token, p => p.Profile = profile);

    /// <summary>A Shared Signals descriptor (HS256) carrying <paramref name="e"/> about <see cref="Subject"/>.</summary>
    public static SecurityEventTokenDescriptor Descriptor(SecurityEvent e, string? txn = null, SubjectIdentifier? subject = null)
    {
        var descriptor = Some.SharedSignalsDescriptor(e);
        descriptor.SubjectId = subject ?? Subject;
        descriptor.TransactionId = txn;
        return descriptor;
    }

    /// <summary>Creates and validates a token, returning the accepted token.</summary>
    public static async Task<SecurityEventToken> RoundTripAsync(SecurityEventTokenDescriptor descriptor) =>
        (await ValidateAsync(Some.Handler().CreateToken(descriptor), descriptor.Profile)).ShouldBeAccepted();

    /// <summary>A JSON element that outlives its document.</summary>
    public static JsonElement Json(string json) => JsonElement.Parse(json);
}
