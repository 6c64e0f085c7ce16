using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Tests.Support;
using SecEvent.Tokens.Tests.Vectors;

namespace SecEvent.Tokens.Tests.Events;

/// <summary>The default registry against the compiled event-type catalog and every spec example that uses a catalog type.</summary>
public class CatalogCoverageTests
{
    private static IEnumerable<string> CatalogTypes()
    {
        foreach (var family in Support.Vectors.Named("catalog-event-types").Data.EnumerateObject())
        {
            foreach (var type in family.Value.EnumerateObject().Where(t => !t.Name.StartsWith('_')))
            {
                yield return type.Name;
            }
        }
    }

    private static IEnumerable<TestVector> ExamplesUsingCatalogTypes()
    {
        var catalog = CatalogTypes().ToHashSet(StringComparer.Ordinal);
        return Support.Vectors.OfKind("set-payload", "logout-token-payload")
            .Where(v => v.Data.TryGetProperty("events", out var events) && events.ValueKind == JsonValueKind.Object
                && events.EnumerateObject().Any(e => catalog.Contains(e.Name)));
    }

    [TestCaseSource(nameof(CatalogTypes))]
    public void Default_EveryCatalogEventType_HasATypedRecord(string eventType)
    {
        SecurityEventTypeRegistry.Default.TryGetModelType(eventType, out var model).Should().BeTrue(eventType);

        model!.IsSealed.Should().BeTrue();
        model.IsSubclassOf(typeof(SecurityEvent)).Should().BeTrue();
    }

    [TestCaseSource(nameof(ExamplesUsingCatalogTypes))]
    public async Task ValidateTokenAsync_SpecExampleUnderRfc8417_EveryCatalogEventTyped(TestVector vector)
    {
        // RFC 8417 asks the least of the envelope, so even examples another profile refuses reach their events.
        var handler = Some.Handler(SpecTokens.ClockFor(vector.Data));
        var token = SpecTokens.Sign(SpecTokens.Header(SecurityEventProfile.Rfc8417), vector.Data.GetRawText());

        var result = await handler.ValidateTokenAsync(token, SpecTokens.ParametersFor(vector.Data, SecurityEventProfile.Rfc8417));

        if (!vector.Valid && !result.IsValid)
        {
            return; // Refused for an envelope rule; SetPayloadVectorTests checks the reason.
        }

        result.Error.Should().BeNull(vector.Notes);
        var catalog = CatalogTypes().ToHashSet(StringComparer.Ordinal);
        result.Token!.Events.Where(e => catalog.Contains(e.EventType)).Should().AllSatisfy(e => e.Should().NotBeOfType<UnknownSecurityEvent>(e.EventType));

        var descriptor = SecurityEventTokenDescriptor.FromToken(result.Token);
        descriptor.SigningCredentials = Some.Credentials("ES256");
        var again = await handler.ValidateTokenAsync(handler.CreateToken(descriptor), SpecTokens.ParametersFor(vector.Data, SecurityEventProfile.Rfc8417));
        JsonElement.DeepEquals(again.Token!.Payload.GetProperty("events"), vector.Data.GetProperty("events"))
            .Should().BeTrue("the typed records must write back what they read: {0}", again.Token.Payload.GetProperty("events").GetRawText());
    }
}
