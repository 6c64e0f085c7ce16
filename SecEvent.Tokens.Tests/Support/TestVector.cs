using System.Text.Json;

namespace SecEvent.Tokens.Tests.Support;

/// <summary>One specification example from <c>../shared/vectors</c>.</summary>
public sealed record TestVector(string Name, string Source, string Kind, bool Valid, JsonElement Data, string Notes)
{
    /// <summary>NUnit shows test cases by their <see cref="ToString"/>.</summary>
    public override string ToString() => Name;
}
