using System.Buffers;
using System.Text.Json;
using SecEvent.Tokens;

namespace SecEvent.Delivery.Push;

public sealed partial class PushReceiver
{
    private static readonly KeyValuePair<string, string>[] NoHeaders = [];

    /// <summary>RFC 8935 §2.2 (PUSH-09): 202 with an empty body.</summary>
    private static PushResponse Accepted(SecurityEventToken token, bool duplicate) =>
        new(202, NoHeaders, ReadOnlyMemory<byte>.Empty, null, token, duplicate,
            duplicate ? PushReceiverTelemetry.Outcomes.Duplicate : PushReceiverTelemetry.Outcomes.Accepted);

    /// <summary>A general HTTP error (RFC 8935 §2.3, PUSH-10): no <c>err</c> code, no body.</summary>
    private static PushResponse Empty(int statusCode, string outcome, params (string Name, string Value)[] headers) =>
        new(statusCode, [.. headers.Select(h => KeyValuePair.Create(h.Name, h.Value))], ReadOnlyMemory<byte>.Empty, null, null, false, outcome);

    /// <summary>
    /// RFC 8935 §2.3 (PUSH-11, PUSH-12): <c>Content-Type: application/json</c>, <c>Content-Language</c>, and a UTF-8 JSON
    /// object with <c>err</c> and <c>description</c>.
    /// </summary>
    private PushResponse ErrorResponse(int statusCode, SecurityEventError error, string outcome, SecurityEventToken? token = null, params (string Name, string Value)[] extraHeaders)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("err", error.Code);
            writer.WriteString("description", error.Description);
            writer.WriteEndObject();
        }

        List<KeyValuePair<string, string>> headers =
        [
            KeyValuePair.Create("Content-Type", SecurityEventMediaTypes.Json),
            KeyValuePair.Create("Content-Language", _contentLanguage),
        ];
        headers.AddRange(extraHeaders.Select(h => KeyValuePair.Create(h.Name, h.Value)));
        return new PushResponse(statusCode, headers, buffer.WrittenMemory, error, token, false, outcome);
    }

    /// <summary>A hook's refusal: 400 with the RFC 8935 code by default, or 401/403 when the options ask for HTTP statuses.</summary>
    private PushResponse AuthorizationRefusal(string code, string? description, SecurityEventToken? token)
    {
        var error = new SecurityEventError(code, description ?? code);
        if (_failureStyle == PushAuthorizationFailureStyle.Rfc8935)
        {
            return ErrorResponse(400, error, PushReceiverTelemetry.Outcomes.Refused, token);
        }

        return code == SecurityEventErrorCodes.AuthenticationFailed
            ? ErrorResponse(401, error, PushReceiverTelemetry.Outcomes.Refused, token, ("WWW-Authenticate", _challenge))
            : ErrorResponse(403, error, PushReceiverTelemetry.Outcomes.Refused, token);
    }
}
