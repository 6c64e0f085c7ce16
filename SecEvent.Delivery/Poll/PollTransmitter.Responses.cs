using System.Buffers;
using System.Text.Json;
using SecEvent.Delivery.Diagnostics;
using SecEvent.Tokens;

namespace SecEvent.Delivery.Poll;

public sealed partial class PollTransmitter
{
    private static readonly KeyValuePair<string, string> JsonContent = KeyValuePair.Create("Content-Type", PollJson.MediaType);

    // A poll response holds SETs, and an error what a credential could do: neither is for a shared cache.
    private static readonly KeyValuePair<string, string> NoStore = KeyValuePair.Create("Cache-Control", "no-store");

    /// <summary>RFC 8936 §2.5: 200 with <c>sets</c>, <c>{}</c> when none, and <c>moreAvailable</c> only when true.</summary>
    private PollEndpointResponse Delivered(string stream, Offer offer, int acknowledged, int rejected)
    {
        var body = new PollResponse { Sets = offer.Sets, MoreAvailable = offer.MoreAvailable }.ToUtf8Json();
        if (offer.Sets.Count > 0)
        {
            Log.PollDelivered(_logger, stream, offer.Sets.Count, offer.MoreAvailable);
        }

        var outcome = offer.Sets.Count > 0 ? PollTransmitterInstruments.Outcomes.Delivered : PollTransmitterInstruments.Outcomes.Empty;
        return new PollEndpointResponse(200, [JsonContent, NoStore], body, outcome)
        {
            Delivered = offer.Sets.Count,
            Acknowledged = acknowledged,
            Rejected = rejected,
        };
    }

    /// <summary>An HTTP error with no body (RFC 8936 §2.5.1, POLL-10).</summary>
    private static PollEndpointResponse Empty(int statusCode, string outcome, params (string Name, string Value)[] headers) =>
        new(statusCode, [.. headers.Select(h => KeyValuePair.Create(h.Name, h.Value))], ReadOnlyMemory<byte>.Empty, outcome);

    /// <summary>
    /// RFC 8936 §2.5.1 (POLL-10): 400 for a request that is not a well-formed poll. The body is informational only; it
    /// takes the <c>err</c>/<c>description</c> shape of RFC 8935 §2.3 so that one parser reads both.
    /// </summary>
    private PollEndpointResponse Invalid(string stream, string description)
    {
        Log.PollRequestInvalid(_logger, stream, description);
        return Error(400, new SecurityEventError(SecurityEventErrorCodes.InvalidRequest, description), PollTransmitterInstruments.Outcomes.InvalidRequest);
    }

    /// <summary>An HTTP error with a small JSON body in <see cref="_contentLanguage"/>.</summary>
    private PollEndpointResponse Error(int statusCode, SecurityEventError error, string outcome, params (string Name, string Value)[] extraHeaders)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("err", error.Code);
            writer.WriteString("description", error.Description);
            writer.WriteEndObject();
        }

        List<KeyValuePair<string, string>> headers = [JsonContent, KeyValuePair.Create("Content-Language", _contentLanguage), NoStore];
        headers.AddRange(extraHeaders.Select(h => KeyValuePair.Create(h.Name, h.Value)));
        return new PollEndpointResponse(statusCode, headers, buffer.WrittenMemory, outcome);
    }
}
