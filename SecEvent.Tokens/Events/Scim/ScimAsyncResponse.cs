using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.Scim;

/// <summary>
/// The SCIM asynchronous response event: a SCIM request the client asked to be processed asynchronously has completed
/// (draft-ietf-scim-events-16 §2.5.1.3).
/// </summary>
/// <remarks>
/// <para>
/// §2.5.1.3: the payload is one SCIM bulk response operation (RFC 7644 §3.7.3). The SET's <c>txn</c> claim is REQUIRED
/// and MUST equal the <c>Set-Txn</c> header value of the 202 response (§2.5.1.1); for an operation of a bulk request it
/// is that value, a colon and the operation's zero-based index (§2.5.1.2, see <see cref="ScimTransaction"/>).
/// </para>
/// <para>
/// A failed request MUST carry a <see cref="Response"/> holding a SCIM Error (RFC 7644 §3.12) and a non-2xx
/// <see cref="Status"/>. Equality compares <see cref="Response"/> structurally.
/// </para>
/// </remarks>
public sealed record ScimAsyncResponse() : ScimEvent(ScimEventTypes.AsyncResponse)
{
    private readonly JsonElement? response;

    /// <summary>The HTTP method of the completed request: <c>POST</c>, <c>PUT</c>, <c>PATCH</c> or <c>DELETE</c>; REQUIRED.</summary>
    /// <remarks>draft-ietf-scim-events-16 §2.5.1.3 and RFC 7644 §3.7: compared exactly, as HTTP methods are case-sensitive.</remarks>
    [JsonPropertyName("method")]
    public required string Method { get; init; }

    /// <summary>The client's temporary <c>bulkId</c> of a bulk POST operation (RFC 7644 §3.7); OPTIONAL.</summary>
    /// <remarks>
    /// draft-ietf-scim-events-16 §2.5.1.2: never the correlation key; a bulk operation is matched by the SET's
    /// <c>txn</c>. An event with a <c>bulkId</c> reports a bulk operation, so its <c>txn</c> must have the bulk form.
    /// </remarks>
    [JsonPropertyName("bulkId")]
    public string? BulkId { get; init; }

    /// <summary>The ETag of the resource after the request (RFC 7644 §3.14); OPTIONAL.</summary>
    /// <remarks>draft-ietf-scim-events-16 §2.2 and §2.5.1.3.</remarks>
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    /// <summary>The HTTP status code of the completed request, as a string of three digits such as <c>"201"</c>; REQUIRED.</summary>
    /// <remarks>draft-ietf-scim-events-16 §2.5.1.3 and RFC 7644 §3.7.3, which write the status as a JSON string.</remarks>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    /// <summary>The SCIM Error (RFC 7644 §3.12) of a failed request, a JSON object with at least a string <c>status</c>.</summary>
    /// <remarks>
    /// draft-ietf-scim-events-16 §2.5.1.3: REQUIRED when <see cref="Status"/> is not 2xx. Its <c>status</c> typically
    /// matches <see cref="Status"/>; that is not enforced. The value given is copied.
    /// </remarks>
    [JsonPropertyName("response")]
    public JsonElement? Response
    {
        get => response;
        init => response = value is { ValueKind: not JsonValueKind.Undefined } v ? v.Clone() : value;
    }

    private protected override string Section => "§2.5.1.3";

    /// <summary>Whether both events have equal members, <see cref="Response"/> compared structurally.</summary>
    /// <param name="other">The other event.</param>
    /// <returns><see langword="true"/> when the events are equal.</returns>
    public bool Equals(ScimAsyncResponse? other) =>
        ReferenceEquals(this, other)
        || (base.Equals(other)
            && string.Equals(Method, other.Method, StringComparison.Ordinal)
            && string.Equals(BulkId, other.BulkId, StringComparison.Ordinal)
            && string.Equals(Version, other.Version, StringComparison.Ordinal)
            && string.Equals(Status, other.Status, StringComparison.Ordinal)
            && ScimJson.ElementEquals(response, other.response));

    /// <summary>Returns a hash code consistent with <see cref="Equals(ScimAsyncResponse)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Method, BulkId, Version, Status);

    private protected override string? ValidatePayload(SecurityEventContext context)
    {
        if (string.IsNullOrEmpty(context.TransactionId))
        {
            return Problem("needs the SET's 'txn' claim, equal to the 'Set-Txn' value of the 202 response", "§2.2, §2.5.1.3");
        }

        if (Method is not ("POST" or "PUT" or "PATCH" or "DELETE"))
        {
            return Problem("needs a 'method' member of 'POST', 'PUT', 'PATCH' or 'DELETE' (RFC 7644 §3.7)");
        }

        if (!IsStatusCode(Status))
        {
            return Problem("needs a 'status' member holding an HTTP status code of three digits as a string (RFC 7644 §3.7.3)");
        }

        if (EventRules.NotEmpty(BulkId, "bulkId", $"SCIM {Name}", $"{Draft} §2.5.1.2") is { } bulkId)
        {
            return bulkId;
        }

        if (BulkId is not null && !ScimTransaction.TryParse(context.TransactionId, out _, out _))
        {
            return Problem("has a 'bulkId', so it reports a bulk operation: the SET's 'txn' must be '<Set-Txn>:<zero-based operation index>'", "§2.5.1.2");
        }

        return EventRules.NotEmpty(Version, "version", $"SCIM {Name}", $"{Draft} §2.2") ?? CheckResponse();
    }

    private string? CheckResponse()
    {
        if (response is not { } error || error.ValueKind == JsonValueKind.Null)
        {
            return Status[0] == '2'
                ? null
                : Problem("needs a 'response' member holding a SCIM Error when 'status' is not 2xx");
        }

        if (error.ValueKind != JsonValueKind.Object
            || !error.TryGetProperty("status", out var status)
            || status.ValueKind != JsonValueKind.String
            || status.GetString()!.Length == 0)
        {
            return Problem("needs a 'response' member that is a SCIM Error: a JSON object with a non-empty string 'status' (RFC 7644 §3.12)");
        }

        foreach (var optional in (ReadOnlySpan<string>)["scimType", "detail"])
        {
            if (error.TryGetProperty(optional, out var value) && value.ValueKind != JsonValueKind.String)
            {
                return Problem($"has a 'response' whose '{optional}' is not a string (RFC 7644 §3.12)");
            }
        }

        return null;
    }

    private static bool IsStatusCode(string? status) =>
        status is { Length: 3 } && status[0] is >= '1' and <= '5' && char.IsAsciiDigit(status[1]) && char.IsAsciiDigit(status[2]);
}
