using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Delivery.Ssf;

/// <summary>
/// A stream's <c>delivery</c> member (OpenID SSF 1.0 §8.1.1, §6.1): the method and its parameters. The receiver supplies
/// it for push; for poll the transmitter fills in <c>endpoint_url</c>.
/// </summary>
/// <remarks>
/// <see cref="AuthorizationHeader"/> is a credential: <see cref="ToString"/> never prints it, and callers must keep it
/// out of logs.
/// </remarks>
public sealed class SsfDelivery
{
    /// <summary>The delivery method URN (<c>method</c>), for example <see cref="SsfDeliveryMethods.Push"/>.</summary>
    [JsonPropertyName("method")]
    public required string Method { get; init; }

    /// <summary>
    /// The URL SETs are pushed to or polled from (<c>endpoint_url</c>): receiver-supplied for push (SSF-16),
    /// transmitter-supplied for poll (SSF-17).
    /// </summary>
    [JsonPropertyName("endpoint_url")]
    public string? EndpointUrl { get; init; }

    /// <summary>
    /// The <c>Authorization</c> header value the transmitter MUST send with every push (<c>authorization_header</c>,
    /// SSF 1.0 §6.1.1). A credential: never logged, never in <see cref="ToString"/>.
    /// </summary>
    [JsonPropertyName("authorization_header")]
    public string? AuthorizationHeader { get; init; }

    /// <summary>Members this library does not know (further method parameters), kept so that a write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>Returns the method and endpoint; whether an authorization header is set, never its value.</summary>
    public override string ToString() =>
        $"method={Method} endpoint_url={EndpointUrl ?? "-"} authorization_header={(AuthorizationHeader is null ? "-" : "(set)")}";

    internal string? Check() => SsfStreamJson.First(
        Method.Length == 0 ? "delivery.method must not be empty." : null,
        SsfStreamJson.HttpUrl(EndpointUrl, "delivery.endpoint_url"),
        SsfStreamJson.NonEmpty(AuthorizationHeader, "delivery.authorization_header"));
}
