using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Delivery.Ssf;

/// <summary>
/// The body a receiver sends to create (POST), update (PATCH) or replace (PUT) a stream (OpenID SSF 1.0 §8.1.1.1,
/// §8.1.1.3, §8.1.1.4): the receiver-supplied (R) members, and <c>stream_id</c> for update and replace.
/// </summary>
/// <remarks>
/// <para>
/// Only members that are set are written, so one type serves all three operations:
/// </para>
/// <list type="bullet">
/// <item><description>create: leave <see cref="StreamId"/> unset; with no <see cref="Delivery"/> the transmitter assumes poll;</description></item>
/// <item><description>PATCH: set <see cref="StreamId"/> and only the members to change; the transmitter MUST NOT change the rest;</description></item>
/// <item><description>PUT: set <see cref="StreamId"/> and the full R set; the transmitter MUST read a missing R member as
/// deleted. <see cref="SsfStreamConfiguration.ToReplaceRequest"/> starts from the stream as read.</description></item>
/// </list>
/// <para>
/// Transmitter-supplied members MAY be sent with update and replace but MUST then match; they travel in
/// <see cref="AdditionalMembers"/>. <see cref="Delivery"/> may carry an authorization header, a credential:
/// <see cref="ToString"/> never prints it.
/// </para>
/// </remarks>
public sealed record SsfStreamRequest
{
    /// <summary>The stream to update or replace (<c>stream_id</c>); REQUIRED for PATCH and PUT, absent for create.</summary>
    [JsonPropertyName("stream_id")]
    public string? StreamId { get; init; }

    /// <summary>R: how SETs are to be delivered (<c>delivery</c>).</summary>
    [JsonPropertyName("delivery")]
    public SsfDelivery? Delivery { get; init; }

    /// <summary>R: the event types the receiver asks for (<c>events_requested</c>); SHOULD NOT be empty.</summary>
    [JsonPropertyName("events_requested")]
    public IReadOnlyList<string>? EventsRequested { get; init; }

    /// <summary>R: a description of the stream (<c>description</c>).</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Other members, such as transmitter-supplied ones sent for the transmitter to check; written back as read.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>
    /// Reads a create, update or replace body; refuses duplicate members, wrong types, empty entries, and a missing
    /// <c>stream_id</c> for <see cref="SsfStreamOperation.Update"/> and <see cref="SsfStreamOperation.Replace"/>.
    /// </summary>
    /// <param name="utf8Json">The request body.</param>
    /// <param name="operation"><see cref="SsfStreamOperation.Create"/>, <see cref="SsfStreamOperation.Update"/> or <see cref="SsfStreamOperation.Replace"/>.</param>
    /// <param name="request">The request, when the body is well-formed.</param>
    /// <param name="error">Why it is not, in words fit for a log; never echoes the body.</param>
    /// <returns><see langword="true"/> when the body is a well-formed request for <paramref name="operation"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="operation"/> has no body of this shape.</exception>
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, SsfStreamOperation operation, [NotNullWhen(true)] out SsfStreamRequest? request, [NotNullWhen(false)] out string? error)
    {
        if (operation is not (SsfStreamOperation.Create or SsfStreamOperation.Update or SsfStreamOperation.Replace))
        {
            throw new ArgumentOutOfRangeException(nameof(operation), operation, "Only create, update and replace carry a stream configuration body.");
        }

        return SsfStreamJson.TryParse(utf8Json, SsfStreamJsonContext.Default.SsfStreamRequest, r => r.Check(operation), out request, out error);
    }

    /// <summary>Writes the request as compact UTF-8 JSON with only the members that are set.</summary>
    /// <returns>The request body.</returns>
    public byte[] ToUtf8Json() => WireJson.Serialize(this, SsfStreamJsonContext.Default.SsfStreamRequest);

    /// <summary>Returns which members are set; never the authorization header.</summary>
    public override string ToString() =>
        $"stream_id={StreamId ?? "-"} delivery={Delivery?.Method ?? "-"} events_requested={EventsRequested?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} description={(Description is null ? "-" : "(set)")}";

    private string? Check(SsfStreamOperation operation) => SsfStreamJson.First(
        operation != SsfStreamOperation.Create && StreamId is null ? "stream_id is required to update or replace a stream." : null,
        SsfStreamJson.NonEmpty(StreamId, "stream_id"),
        Delivery?.Check(),
        SsfStreamJson.EntriesNonEmpty(EventsRequested, "events_requested"));
}
