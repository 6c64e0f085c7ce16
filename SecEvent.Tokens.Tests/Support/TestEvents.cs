using System.Text.Json.Serialization;
using SecEvent.Tokens.Events;

namespace SecEvent.Tokens.Tests.Support;

/// <summary>An application-defined event type, registered the way a library user would register one.</summary>
public sealed record AccountFrozenEvent() : SecurityEvent(AccountFrozenEvent.Uri)
{
    public const string Uri = "https://events.example.com/event-type/account-frozen";

    /// <summary>Why the account was frozen; REQUIRED and non-empty.</summary>
    [JsonPropertyName("reason")]
    public required string Reason { get; init; }

    /// <summary>Until when, as a NumericDate; OPTIONAL.</summary>
    [JsonPropertyName("until")]
    public long? Until { get; init; }

    /// <inheritdoc />
    protected internal override string? Validate(SecurityEventContext context) => Reason.Length == 0 ? "The account-frozen event needs a reason." : null;
}

/// <summary>A typed event that no registry knows.</summary>
public sealed record UnregisteredEvent() : SecurityEvent("https://events.example.com/event-type/unregistered");

/// <summary>A typed event whose instances report another type than the URI it is registered for.</summary>
public sealed record MislabelledEvent() : SecurityEvent("https://events.example.com/event-type/what-it-says");

/// <summary>Source-generated metadata for the test event records, configured as the library recommends.</summary>
[JsonSourceGenerationOptions(RespectNullableAnnotations = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AccountFrozenEvent))]
[JsonSerializable(typeof(UnregisteredEvent))]
[JsonSerializable(typeof(MislabelledEvent))]
internal sealed partial class TestEventJsonContext : JsonSerializerContext;

/// <summary>Registries and handlers that know the test event types.</summary>
public static class TestEvents
{
    /// <summary>A new registry with the shipped types plus <see cref="AccountFrozenEvent"/>.</summary>
    public static SecurityEventTypeRegistry Registry() =>
        new SecurityEventTypeRegistry().Register(AccountFrozenEvent.Uri, TestEventJsonContext.Default.AccountFrozenEvent);
}
