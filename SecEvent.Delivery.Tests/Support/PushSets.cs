using System.Text;
using System.Text.Json;
using SecEvent.Delivery.Push;
using SecEvent.Tokens;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Delivery.Tests.Support;

/// <summary>SETs, parameters and requests for push receiver tests: HS256 over hand-written claims.</summary>
internal static class PushSets
{
    public const string Issuer = "https://transmitter.example.com";
    public const string Audience = "https://receiver.example.com";
    public const string EventType = "https://example.com/event-type/test";

    /// <summary>2026-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The receiver's HS256 key.</summary>
    public static readonly byte[] HmacKey = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + 3))];

    /// <summary>A key the receiver does not know.</summary>
    public static readonly byte[] OtherKey = [.. Enumerable.Range(0, 32).Select(i => (byte)(255 - i))];

    public static string Payload(string jti = "jti-1", string issuer = Issuer, string audience = Audience) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = issuer,
            ["iat"] = Now.ToUnixTimeSeconds(),
            ["jti"] = jti,
            ["aud"] = audience,
            ["events"] = new Dictionary<string, object> { [EventType] = new Dictionary<string, object>() },
        });

    public static string Token(string jti = "jti-1", string issuer = Issuer, string audience = Audience, byte[]? key = null) =>
        RawToken.Sign("""{"alg":"HS256","typ":"secevent+jwt"}""", Payload(jti, issuer, audience), key ?? HmacKey);

    public static SecurityEventTokenValidationParameters Parameters() => new()
    {
        ValidIssuers = [Issuer],
        ValidAudiences = [Audience],
        SigningKeys = [new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(HmacKey)],
        ValidAlgorithms = ["HS256"],
    };

    public static PushReceiverOptions Options(Action<PushReceiverOptions>? configure = null)
    {
        var options = new PushReceiverOptions { ValidationParameters = Parameters() };
        configure?.Invoke(options);
        return options;
    }

    public static PushRequest Request(string body, string? contentType = SecurityEventMediaTypes.SecurityEventJwt, string? authorization = null) =>
        Request(Encoding.UTF8.GetBytes(body), contentType, authorization);

    public static PushRequest Request(byte[] body, string? contentType = SecurityEventMediaTypes.SecurityEventJwt, string? authorization = null) => new()
    {
        ContentType = contentType,
        ContentLength = body.Length,
        Authorization = authorization,
        Body = new MemoryStream(body),
    };

    public static ManualTimeProvider Clock() => new(Now);

    /// <summary>The response body as a JSON object.</summary>
    public static JsonElement Json(PushResponse response) => JsonElement.Parse(response.Body.Span);
}
