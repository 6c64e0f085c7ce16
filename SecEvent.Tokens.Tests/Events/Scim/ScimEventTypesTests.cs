using System.Reflection;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Events.Scim;

namespace SecEvent.Tokens.Tests.Events.Scim;

public class ScimEventTypesTests
{
    private static readonly Dictionary<string, Type> Models = new(StringComparer.Ordinal)
    {
        [ScimEventTypes.FeedAdd] = typeof(ScimFeedAdd),
        [ScimEventTypes.FeedRemove] = typeof(ScimFeedRemove),
        [ScimEventTypes.CreateFull] = typeof(ScimCreateFull),
        [ScimEventTypes.CreateNotice] = typeof(ScimCreateNotice),
        [ScimEventTypes.PatchFull] = typeof(ScimPatchFull),
        [ScimEventTypes.PatchNotice] = typeof(ScimPatchNotice),
        [ScimEventTypes.PutFull] = typeof(ScimPutFull),
        [ScimEventTypes.PutNotice] = typeof(ScimPutNotice),
        [ScimEventTypes.Delete] = typeof(ScimDelete),
        [ScimEventTypes.Activate] = typeof(ScimActivate),
        [ScimEventTypes.Deactivate] = typeof(ScimDeactivate),
        [ScimEventTypes.AsyncResponse] = typeof(ScimAsyncResponse),
    };

    private static IEnumerable<string> EventUris() =>
        typeof(ScimEventTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.Name != nameof(ScimEventTypes.Prefix))
            .Select(f => (string)f.GetRawConstantValue()!);

    [Test]
    public void Constants_EqualTheDraftCatalogSCIM01()
    {
        var catalog = Support.Vectors.Named("catalog-event-types").Data.GetProperty("scim-events-draft-16").EnumerateObject().Select(p => p.Name);

        EventUris().Should().BeEquivalentTo(catalog);
        EventUris().Should().OnlyContain(uri => uri.StartsWith(ScimEventTypes.Prefix, StringComparison.Ordinal));
        EventUris().Select(uri => uri[ScimEventTypes.Prefix.Length..].Split(':')[0]).Distinct().Should().BeEquivalentTo("feed", "prov", "misc");
    }

    [TestCaseSource(nameof(EventUris))]
    public void Default_EveryScimUri_IsRegisteredToItsRecordSCIM01(string uri)
    {
        SecurityEventTypeRegistry.Default.TryGetModelType(uri, out var model).Should().BeTrue();
        model.Should().Be(Models[uri]);
        new SecurityEventTypeRegistry().TryGetModelType(uri, out _).Should().BeTrue();
    }
}
