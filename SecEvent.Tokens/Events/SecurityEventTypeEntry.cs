using System.Collections.Frozen;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SecEvent.Tokens.Events;

/// <summary>How one registered event type is read and written.</summary>
internal sealed class SecurityEventTypeEntry
{
    private readonly FrozenSet<string> _declaredMembers;
    private readonly byte[][] _declaredUtf8;

    public SecurityEventTypeEntry(string eventType, Type modelType, JsonTypeInfo typeInfo)
    {
        EventType = eventType;
        ModelType = modelType;
        TypeInfo = typeInfo;
        // [JsonIgnore] properties (EventType, AdditionalMembers) are listed too, with neither getter nor setter.
        _declaredMembers = typeInfo.Properties.Where(p => p.Get is not null || p.Set is not null)
            .Select(p => p.Name).ToFrozenSet(StringComparer.Ordinal);
        _declaredUtf8 = [.. _declaredMembers.Select(System.Text.Encoding.UTF8.GetBytes)];
    }

    public string EventType { get; }

    public Type ModelType { get; }

    public JsonTypeInfo TypeInfo { get; }

    /// <summary>Reads a payload into the typed record; throws <see cref="JsonException"/> when it does not fit.</summary>
    public SecurityEvent Read(JsonElement payload)
    {
        // Read the payload's own UTF-8 in place: JsonElement.Deserialize would first write the element out again.
        var model = (SecurityEvent?)JsonSerializer.Deserialize(JsonMarshal.GetRawUtf8Value(payload), TypeInfo)
            ?? throw new JsonException("The payload is null.");

        Dictionary<string, JsonElement>? extra = null;
        foreach (var member in payload.EnumerateObject())
        {
            // An explicit null of a declared member reads as "absent"; keep it so it is written back as it came.
            if (!IsDeclared(member) || member.Value.ValueKind == JsonValueKind.Null)
            {
                (extra ??= new(StringComparer.Ordinal))[member.Name] = member.Value;
            }
        }

        return extra is null ? model : model with { AdditionalMembers = extra };
    }

    /// <summary>Whether the record declares the member; compares the raw UTF-8 name so that no string is made for it.</summary>
    private bool IsDeclared(JsonProperty member)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(member);
        if (raw.Contains((byte)'\\'))
        {
            return _declaredMembers.Contains(member.Name); // An escaped name: compare it unescaped.
        }

        foreach (var name in _declaredUtf8)
        {
            if (raw.SequenceEqual(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Describes why a payload does not fit the record, naming the member where System.Text.Json found the problem.</summary>
    public string Describe(JsonException exception)
    {
        var message = exception.Message;
        var builtInPath = message.IndexOf(" Path: ", StringComparison.Ordinal);
        message = builtInPath < 0 ? message : message[..builtInPath];
        return exception.Path is { Length: > 2 } path
            ? $"The '{EventType}' event payload does not fit its type at '{path[2..]}': {message}"
            : $"The '{EventType}' event payload does not fit its type: {message}";
    }

    /// <summary>Writes the typed record, then the members it does not declare.</summary>
    public void Write(Utf8JsonWriter writer, SecurityEvent model)
    {
        if (model.AdditionalMembers is not { Count: > 0 } extra)
        {
            JsonSerializer.Serialize(writer, model, TypeInfo);
            return;
        }

        // Rare path: merge the declared members with the kept ones inside one object.
        var declared = JsonSerializer.SerializeToElement(model, TypeInfo);
        writer.WriteStartObject();
        foreach (var member in declared.EnumerateObject())
        {
            member.WriteTo(writer);
        }

        foreach (var (name, value) in extra)
        {
            if (_declaredMembers.Contains(name))
            {
                // Only a kept explicit null may name a declared member, and only while the property is unset.
                if (value.ValueKind != JsonValueKind.Null)
                {
                    throw new ArgumentException($"The additional member '{name}' is declared by {ModelType.Name}; set the property instead.", nameof(model));
                }

                if (declared.TryGetProperty(name, out _))
                {
                    continue;
                }
            }

            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }

        writer.WriteEndObject();
    }
}
