using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization.Metadata;

namespace SecEvent.Tokens.Events;

/// <summary>
/// Maps event type URIs to the typed records that model them. Events of unregistered types are kept as
/// <see cref="UnknownSecurityEvent"/>.
/// </summary>
/// <remarks>
/// A new registry starts with the event types this package ships: SSF, CAEP, RISC, SCIM, Back-Channel Logout
/// and the OAuth event types. Register application types once at start-up; reads are lock-free and safe from any thread.
/// </remarks>
public sealed class SecurityEventTypeRegistry
{
    private readonly Lock _gate = new();
    private readonly bool _readOnly;
    private FrozenDictionary<string, SecurityEventTypeEntry> _byUri;
    private FrozenDictionary<Type, SecurityEventTypeEntry> _byModel;

    /// <summary>Creates a registry holding the event types this package ships.</summary>
    public SecurityEventTypeRegistry()
        : this(readOnly: false)
    {
    }

    private SecurityEventTypeRegistry(bool readOnly)
    {
        // The built-in tables are immutable, so every registry starts from the same ones.
        _byUri = BuiltInEventTypes.ByUri;
        _byModel = BuiltInEventTypes.ByModel;
        _readOnly = readOnly;
    }

    /// <summary>The shared, read-only registry of the event types this package ships.</summary>
    public static SecurityEventTypeRegistry Default { get; } = new(readOnly: true);

    /// <summary>Registers a typed record for an event type URI.</summary>
    /// <typeparam name="TEvent">The record; its instances must report <paramref name="eventType"/> as <see cref="SecurityEvent.EventType"/>.</typeparam>
    /// <param name="eventType">The event identifier URI.</param>
    /// <param name="typeInfo">
    /// System.Text.Json metadata for the record, usually from a source-generated <c>JsonSerializerContext</c>;
    /// enable <c>RespectNullableAnnotations</c> there so that <see langword="null"/> is refused where the model says so.
    /// </param>
    /// <returns>This registry, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The registry is <see cref="Default"/>, which is read-only.</exception>
    /// <exception cref="ArgumentException">The URI or the record type is registered already.</exception>
    public SecurityEventTypeRegistry Register<TEvent>(string eventType, JsonTypeInfo<TEvent> typeInfo)
        where TEvent : SecurityEvent
    {
        ArgumentException.ThrowIfNullOrEmpty(eventType);
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (_readOnly)
        {
            throw new InvalidOperationException("The default registry is read-only; create a new SecurityEventTypeRegistry to add types.");
        }

        var entry = new SecurityEventTypeEntry(eventType, typeof(TEvent), typeInfo);
        lock (_gate)
        {
            if (_byUri.ContainsKey(eventType) || _byModel.ContainsKey(typeof(TEvent)))
            {
                throw new ArgumentException($"The event type '{eventType}' or the record {typeof(TEvent).Name} is registered already.", nameof(eventType));
            }

            _byUri = _byUri.Append(new(eventType, entry)).ToFrozenDictionary(StringComparer.Ordinal);
            _byModel = _byModel.Append(new(typeof(TEvent), entry)).ToFrozenDictionary();
        }

        return this;
    }

    /// <summary>Gets the record type registered for an event type URI.</summary>
    /// <param name="eventType">The event identifier URI.</param>
    /// <param name="modelType">The record type, when registered.</param>
    /// <returns>Whether the URI is registered.</returns>
    public bool TryGetModelType(string eventType, [NotNullWhen(true)] out Type? modelType)
    {
        modelType = _byUri.TryGetValue(eventType, out var entry) ? entry.ModelType : null;
        return modelType is not null;
    }

    internal SecurityEventTypeEntry? Find(string eventType) =>
        _byUri.TryGetValue(eventType, out var entry) ? entry : null;

    internal SecurityEventTypeEntry? Find(Type modelType) =>
        _byModel.TryGetValue(modelType, out var entry) ? entry : null;
}
