using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Delivery.Tests.PublicApi;

public class PublicApiTests
{
    [Test]
    public void PublicSurface_MatchesCheckedInListing()
    {
        var assembly = System.Reflection.Assembly.Load("SecEvent.Delivery");
        var diff = PublicApiListing.Compare(assembly, PublicApiListing.PathInRepository("SecEvent.Delivery/PublicAPI.txt"));
        diff.Should().BeEmpty("the public API of SecEvent.Delivery changed; review it, then run the tests once with SECEVENT_UPDATE_API=1 to accept it");
    }
}
