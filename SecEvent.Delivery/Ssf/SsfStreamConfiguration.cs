using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Delivery.Ssf;

/// <summary>
/// A stream configuration as a transmitter returns it (OpenID SSF 1.0 §8.1.1): from create (201), read, update and
/// replace (200). Members are marked T (transmitter-supplied) or R (receiver-supplied), as in the spec's table.
/// </summary>
/// <remarks>
/// <para>
/// Reading refuses a body without the REQUIRED members <c>stream_id</c>, <c>iss</c>, <c>aud</c>, <c>delivery</c> and
/// <c>events_delivered</c>, duplicate members, wrong types and <c>null</c> where a value is required. Members this
/// library does not know are kept in <see cref="AdditionalMembers"/> and written back.
/// </para>
/// <para>
/// The receiver MUST check <see cref="Issuer"/> against the issuer it discovered (SSF-24/25) and SHOULD check
/// <see cref="Audience"/>; this type only reads the values. To change a stream send an <see cref="SsfStreamRequest"/>:
/// PATCH carries only the R members to change, PUT the full R set (<see cref="ToReplaceRequest"/>).
/// </para>
/// </remarks>
public sealed class SsfStreamConfiguration
{
    /// <summary>T, REQUIRED: the stream's identifier (<c>stream_id</c>), unique among the transmitter's streams.</summary>
    [JsonPropertyName("stream_id")]
    public required string StreamId { get; init; }

    /// <summary>T, REQUIRED: the transmitter's issuer (<c>iss</c>); it MUST equal the <c>iss</c> of every SET on the stream.</summary>
    [JsonPropertyName("iss")]
    public required string Issuer { get; init; }

    /// <summary>
    /// T, REQUIRED: the audience values of the stream's SETs (<c>aud</c>), which cannot be updated. On the wire a string
    /// or an array: a value read is written back in the shape it came in; a list built in code is written as a string
    /// when it holds one value and as an array otherwise.
    /// </summary>
    [JsonPropertyName("aud")]
    [JsonConverter(typeof(SsfAudienceConverter))]
    public required IReadOnlyList<string> Audience { get; init; }

    /// <summary>T, OPTIONAL: the event types the transmitter supports (<c>events_supported</c>).</summary>
    [JsonPropertyName("events_supported")]
    public IReadOnlyList<string>? EventsSupported { get; init; }

    /// <summary>R, OPTIONAL: the event types the receiver asked for (<c>events_requested</c>).</summary>
    [JsonPropertyName("events_requested")]
    public IReadOnlyList<string>? EventsRequested { get; init; }

    /// <summary>
    /// T, REQUIRED: the event types the transmitter will send (<c>events_delivered</c>); the receiver MUST rely on this
    /// list rather than on <see cref="EventsRequested"/>.
    /// </summary>
    [JsonPropertyName("events_delivered")]
    public required IReadOnlyList<string> EventsDelivered { get; init; }

    /// <summary>R for push, T fills <c>endpoint_url</c> for poll; REQUIRED: how SETs are delivered (<c>delivery</c>).</summary>
    [JsonPropertyName("delivery")]
    public required SsfDelivery Delivery { get; init; }

    /// <summary>
    /// T, OPTIONAL: the shortest interval in seconds between verification requests (<c>min_verification_interval</c>);
    /// faster requests MAY get 429.
    /// </summary>
    [JsonPropertyName("min_verification_interval")]
    public int? MinVerificationInterval { get; init; }

    /// <summary>R, OPTIONAL: a description of the stream (<c>description</c>); the transmitter MAY truncate it.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>
    /// T, OPTIONAL: seconds without eligible activity after which the transmitter MAY pause, disable or delete the stream
    /// (<c>inactivity_timeout</c>).
    /// </summary>
    [JsonPropertyName("inactivity_timeout")]
    public int? InactivityTimeout { get; init; }

    /// <summary>Members this library does not know, kept so that a write loses nothing (SSF 1.0 §4.2.3).</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>Reads one stream configuration (the body of a create, read-one, update or replace response).</summary>
    /// <param name="utf8Json">The response body.</param>
    /// <param name="configuration">The configuration, when the body is well-formed.</param>
    /// <param name="error">Why it is not, in words fit for a log; never echoes the body.</param>
    /// <returns><see langword="true"/> when the body is a well-formed stream configuration.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out SsfStreamConfiguration? configuration, [NotNullWhen(false)] out string? error) =>
        SsfStreamJson.TryParse(utf8Json, SsfStreamJsonContext.Default.SsfStreamConfiguration, static c => c.Check(), out configuration, out error);

    /// <summary>
    /// Reads the answer to a read without <c>stream_id</c>: always a JSON array, <c>[]</c> when there is no stream and
    /// an array of one when there is one (SSF 1.0 §8.1.1.2). An object is refused.
    /// </summary>
    /// <param name="utf8Json">The response body.</param>
    /// <param name="configurations">The configurations, when the body is well-formed.</param>
    /// <param name="error">Why it is not, in words fit for a log; never echoes the body.</param>
    /// <returns><see langword="true"/> when the body is an array of well-formed stream configurations.</returns>
    public static bool TryParseList(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out IReadOnlyList<SsfStreamConfiguration>? configurations, [NotNullWhen(false)] out string? error) =>
        SsfStreamJson.TryParse(utf8Json, SsfStreamJsonContext.Default.IReadOnlyListSsfStreamConfiguration, CheckList, out configurations, out error);

    /// <summary>Writes a list of configurations as a JSON array, as a transmitter answers a read without <c>stream_id</c>.</summary>
    /// <param name="configurations">The configurations.</param>
    /// <returns>The response body.</returns>
    public static byte[] ToUtf8Json(IReadOnlyList<SsfStreamConfiguration> configurations)
    {
        ArgumentNullException.ThrowIfNull(configurations);
        return WireJson.Serialize(configurations, SsfStreamJsonContext.Default.IReadOnlyListSsfStreamConfiguration);
    }

    /// <summary>Writes the configuration as compact UTF-8 JSON, leaving out the members that are <see langword="null"/>.</summary>
    /// <returns>The body.</returns>
    public byte[] ToUtf8Json() => WireJson.Serialize(this, SsfStreamJsonContext.Default.SsfStreamConfiguration);

    /// <summary>
    /// The body of a PUT that keeps this stream as it is (SSF 1.0 §8.1.1.4): <c>stream_id</c> and every R member. Change
    /// members with a <c>with</c> expression; an R member left <see langword="null"/> deletes it.
    /// </summary>
    /// <returns>A replace request carrying <see cref="StreamId"/>, <see cref="Delivery"/>, <see cref="EventsRequested"/> and <see cref="Description"/>.</returns>
    public SsfStreamRequest ToReplaceRequest() => new()
    {
        StreamId = StreamId,
        Delivery = Delivery,
        EventsRequested = EventsRequested,
        Description = Description,
    };

    /// <summary>Returns the stream id, issuer and delivery method; never the authorization header.</summary>
    public override string ToString() =>
        $"stream_id={StreamId} iss={Issuer} delivery={Delivery?.Method ?? "-"} events_delivered={EventsDelivered?.Count ?? 0}";

    private static string? CheckList(IReadOnlyList<SsfStreamConfiguration> configurations)
    {
        foreach (var configuration in configurations)
        {
            if (configuration is null)
            {
                return "The array holds a null stream configuration.";
            }

            if (configuration.Check() is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private string? Check() => SsfStreamJson.First(
        StreamId.Length == 0 ? "stream_id must not be empty." : null,
        SsfStreamJson.HttpUrl(Issuer, "iss"),
        Audience.Count == 0 ? "aud must hold at least one value." : SsfStreamJson.EntriesNonEmpty(Audience, "aud"),
        SsfStreamJson.EntriesNonEmpty(EventsSupported, "events_supported"),
        SsfStreamJson.EntriesNonEmpty(EventsRequested, "events_requested"),
        SsfStreamJson.EntriesNonEmpty(EventsDelivered, "events_delivered"),
        Delivery.Check(),
        SsfStreamJson.NotNegative(MinVerificationInterval, "min_verification_interval"),
        SsfStreamJson.NotNegative(InactivityTimeout, "inactivity_timeout"));
}
