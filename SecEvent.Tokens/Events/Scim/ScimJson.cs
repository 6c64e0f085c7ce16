using System.Text.Json;

namespace SecEvent.Tokens.Events.Scim;

/// <summary>Structural comparison of the raw JSON members the SCIM events carry.</summary>
internal static class ScimJson
{
    /// <summary>Whether two elements hold the same JSON; an unset element equals only another unset one.</summary>
    public static bool ElementEquals(JsonElement left, JsonElement right) =>
        left.ValueKind == JsonValueKind.Undefined || right.ValueKind == JsonValueKind.Undefined
            ? left.ValueKind == right.ValueKind
            : JsonElement.DeepEquals(left, right);

    /// <summary>As <see cref="ElementEquals(JsonElement, JsonElement)"/>, for optional members.</summary>
    public static bool ElementEquals(JsonElement? left, JsonElement? right) =>
        left is { } l ? right is { } r && ElementEquals(l, r) : right is null;
}
