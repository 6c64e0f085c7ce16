using System.Text.Json;
using SecEvent.Tokens;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Cli.Commands;

/// <summary>
/// Maps a JSON claims set onto a <see cref="SecurityEventTokenDescriptor"/>: the claims the descriptor types go to
/// their properties, every other member to <see cref="SecurityEventTokenDescriptor.AdditionalClaims"/> unchanged.
/// </summary>
/// <remarks>
/// Only the JSON types are checked here; what the claims mean (required claims, profile rules, event payloads of
/// registered types) is left to the handler, so the tool never disagrees with the library.
/// </remarks>
internal static class PayloadMapper
{
    /// <summary>Fills <paramref name="descriptor"/> from <paramref name="payload"/>, a JSON object.</summary>
    /// <returns><see langword="null"/>, or why a claim has the wrong JSON type.</returns>
    public static string? Map(JsonElement payload, SecurityEventTokenDescriptor descriptor)
    {
        foreach (var claim in payload.EnumerateObject())
        {
            var problem = claim.Name switch
            {
                SecurityEventClaimNames.Issuer => ReadString(claim, value => descriptor.Issuer = value),
                SecurityEventClaimNames.JwtId => ReadString(claim, value => descriptor.JwtId = value),
                SecurityEventClaimNames.TransactionId => ReadString(claim, value => descriptor.TransactionId = value),
                SecurityEventClaimNames.Subject => ReadString(claim, value => descriptor.Subject = value),
                SecurityEventClaimNames.IssuedAt => ReadDate(claim, value => descriptor.IssuedAt = value),
                SecurityEventClaimNames.Expiration => ReadDate(claim, value => descriptor.Expiration = value),
                SecurityEventClaimNames.TimeOfEvent => ReadDate(claim, value => descriptor.TimeOfEvent = value),
                SecurityEventClaimNames.Audience => ReadAudience(claim.Value, descriptor.Audiences),
                SecurityEventClaimNames.SubjectId => ReadSubjectId(claim.Value, descriptor),
                SecurityEventClaimNames.Events => ReadEvents(claim.Value, descriptor.Events),
                _ => Keep(claim, descriptor.AdditionalClaims),
            };

            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? ReadString(JsonProperty claim, Action<string> set)
    {
        if (claim.Value.ValueKind != JsonValueKind.String)
        {
            return $"The '{claim.Name}' claim must be a string.";
        }

        set(claim.Value.GetString()!);
        return null;
    }

    private static string? ReadDate(JsonProperty claim, Action<NumericDate> set)
    {
        // RFC 7519 §2: a NumericDate is a JSON number of seconds; fractions are allowed and kept.
        if (claim.Value.ValueKind != JsonValueKind.Number || !claim.Value.TryGetDecimal(out var seconds)
            || seconds < DateTimeOffset.MinValue.ToUnixTimeSeconds() || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return $"The '{claim.Name}' claim must be a NumericDate: a number of seconds since 1970-01-01T00:00:00Z (RFC 7519 §2).";
        }

        set(new NumericDate(seconds));
        return null;
    }

    private static string? ReadAudience(JsonElement value, IList<string> audiences)
    {
        // RFC 7519 §4.1.3: a string or an array of strings. An empty array would vanish from the token: refuse it.
        if (value.ValueKind == JsonValueKind.String)
        {
            audiences.Add(value.GetString()!);
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0
            || value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            return "The 'aud' claim must be a string or a non-empty array of strings (RFC 7519 §4.1.3).";
        }

        foreach (var item in value.EnumerateArray())
        {
            audiences.Add(item.GetString()!);
        }

        return null;
    }

    private static string? ReadSubjectId(JsonElement value, SecurityEventTokenDescriptor descriptor)
    {
        if (!SubjectIdentifier.TryParse(value, out var subject, out var error))
        {
            return $"The 'sub_id' claim is not a subject identifier (RFC 9493 §3): {error}";
        }

        descriptor.SubjectId = subject;
        return null;
    }

    private static string? ReadEvents(JsonElement value, IList<SecurityEvent> events)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return "The 'events' claim must be a JSON object (RFC 8417 §2.2).";
        }

        foreach (var e in value.EnumerateObject())
        {
            if (e.Value.ValueKind != JsonValueKind.Object)
            {
                return $"The payload of the event '{e.Name}' must be a JSON object (RFC 8417 §1.2).";
            }

            // Raw JSON for every type: the handler reads registered types itself and refuses payloads that do not fit.
            events.Add(new UnknownSecurityEvent(e.Name, e.Value));
        }

        return null;
    }

    private static string? Keep(JsonProperty claim, IDictionary<string, object?> additionalClaims)
    {
        additionalClaims[claim.Name] = claim.Value;
        return null;
    }
}
