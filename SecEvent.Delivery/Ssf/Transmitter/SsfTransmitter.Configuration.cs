using System.Text.Json;

namespace SecEvent.Delivery.Ssf;

/// <summary>How a stream's configuration is made from the receiver's request (OpenID SSF 1.0 §8.1.1, the T/R table).</summary>
public sealed partial class SsfTransmitter
{
    /// <summary>The members only the transmitter supplies; a request may repeat them, but only with their current values.</summary>
    private static readonly string[] TransmitterMembers =
        ["iss", "aud", "events_supported", "events_delivered", "min_verification_interval", "inactivity_timeout"];

    /// <summary>
    /// The configuration for <paramref name="request"/>'s receiver-supplied members: <c>iss</c> is ours, <c>aud</c> the
    /// receiver's as the authorization hook said, <c>events_delivered</c> the supported types it requested (values not
    /// understood are ignored, §8.1.1), and <c>delivery</c> poll when absent (§8.1.1.1).
    /// </summary>
    private async Task<SsfStreamConfiguration> ConfigureAsync(SsfReceiver receiver, string streamId, SsfStreamRequest request, SsfStreamConfiguration? current, CancellationToken cancellationToken)
    {
        var delivery = await DeliveryAsync(streamId, request.Delivery, current, cancellationToken).ConfigureAwait(false);
        var requested = request.EventsRequested;
        return new SsfStreamConfiguration
        {
            StreamId = streamId,
            Issuer = _options.Issuer,
            Audience = [.. receiver.Audiences],
            EventsSupported = [.. _options.EventsSupported],
            EventsRequested = requested is null ? null : [.. requested],

            // Strictly a subset of supported ∩ requested (§8.1.1): no events_requested means none of the optional types.
            EventsDelivered = [.. _options.EventsSupported.Where(type => requested?.Contains(type, StringComparer.Ordinal) == true)],
            Delivery = delivery,
            MinVerificationInterval = _options.MinVerificationInterval is { } interval ? (int)Math.Ceiling(interval.TotalSeconds) : null,
            Description = request.Description is { } description && description.Length > _options.MaxDescriptionLength
                ? description[.._options.MaxDescriptionLength]
                : request.Description,
            InactivityTimeout = _options.InactivityTimeout is { } timeout ? (int)Math.Ceiling(timeout.TotalSeconds) : null,
        };
    }

    private async Task<SsfDelivery> DeliveryAsync(string streamId, SsfDelivery? requested, SsfStreamConfiguration? current, CancellationToken cancellationToken)
    {
        var method = requested?.Method ?? SsfDeliveryMethods.Poll;
        if (!DeliveryMethods.Contains(method, StringComparer.Ordinal))
        {
            throw SsfRequestRefusedException.BadRequest(requested is null
                ? "The transmitter does not offer poll delivery; give a delivery method (OpenID SSF 1.0 §8.1.1.1)."
                : "The transmitter does not offer this delivery method.");
        }

        if (method == SsfDeliveryMethods.Poll)
        {
            // SSF-17: the transmitter supplies the poll endpoint. On a change, a receiver may repeat it, but not move it.
            var endpoint = _options.PollEndpointUrl!(streamId);
            if (current is not null && requested?.EndpointUrl is { } given && !string.Equals(given, endpoint, StringComparison.Ordinal))
            {
                throw SsfRequestRefusedException.BadRequest("delivery.endpoint_url of a poll stream is the transmitter's and cannot be changed.");
            }

            return new SsfDelivery { Method = method, EndpointUrl = endpoint };
        }

        if (requested!.EndpointUrl is not { Length: > 0 } url)
        {
            throw SsfRequestRefusedException.BadRequest("Push delivery needs delivery.endpoint_url (OpenID SSF 1.0 §6.1.1).");
        }

        if (await CheckPushEndpointAsync(url, cancellationToken).ConfigureAwait(false) is { } problem)
        {
            throw SsfRequestRefusedException.BadRequest($"delivery.endpoint_url is refused: {problem}");
        }

        return new SsfDelivery { Method = method, EndpointUrl = url, AuthorizationHeader = requested.AuthorizationHeader };
    }

    /// <summary>
    /// §8.1.1.3–4: transmitter-supplied members MAY be present but MUST match; a mismatch is 400. Compared as JSON values
    /// with the configuration before the change (or, on create, the one about to be made); <c>aud</c> as a set.
    /// </summary>
    private static void CheckTransmitterMembers(SsfStreamRequest request, SsfStreamConfiguration configuration)
    {
        if (request.AdditionalMembers is not { Count: > 0 } members)
        {
            return;
        }

        using var document = JsonDocument.Parse(configuration.ToUtf8Json());
        foreach (var name in TransmitterMembers)
        {
            if (!members.TryGetValue(name, out var given))
            {
                continue;
            }

            var matches = document.RootElement.TryGetProperty(name, out var value)
                && (name == "aud" ? SameAudience(given, value) : JsonElement.DeepEquals(given, value));
            if (!matches)
            {
                throw SsfRequestRefusedException.BadRequest($"{name} is supplied by the transmitter and does not match its value (OpenID SSF 1.0 §8.1.1.3).");
            }
        }
    }

    private static bool SameAudience(JsonElement given, JsonElement current)
    {
        static HashSet<string>? Values(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.String => [element.GetString()!],
            JsonValueKind.Array when element.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) => [.. element.EnumerateArray().Select(e => e.GetString()!)],
            _ => null,
        };

        return Values(given) is { } mine && Values(current) is { } theirs && mine.SetEquals(theirs);
    }

    /// <summary>Why a receiver-supplied push endpoint may not be used (SSRF, <see cref="SsfTransmitterOptions.EndpointUrlPolicy"/>), or <see langword="null"/>.</summary>
    private ValueTask<string?> CheckPushEndpointAsync(string url, CancellationToken cancellationToken) =>
        SsfEndpointUrlGuard.CheckAsync(url, _options.EndpointUrlPolicy, cancellationToken: cancellationToken);
}
