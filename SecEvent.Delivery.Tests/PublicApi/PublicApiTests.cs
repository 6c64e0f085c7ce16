using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Delivery.Tests.PublicApi;

public class PublicApiTests
{
    [TestCase("SecEvent.Delivery")]
    [TestCase("SecEvent.Delivery.Sqlite")]
    public void PublicSurface_MatchesCheckedInListing(string package)
    {
        var assembly = System.Reflection.Assembly.Load(package);
        var diff = PublicApiListing.Compare(assembly, PublicApiListing.PathInRepository($"{package}/PublicAPI.txt"));
        diff.Should().BeEmpty($"the public API of {package} changed; review it, then run the tests once with SECEVENT_UPDATE_API=1 to accept it");
    }
}
