using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.PublicApi;

public class PublicApiTests
{
    [Test]
    public void PublicSurface_MatchesCheckedInListing()
    {
        var diff = PublicApiListing.Compare(typeof(SecurityEventTokenHandler).Assembly, PublicApiListing.PathInRepository("SecEvent.Tokens/PublicAPI.txt"));
        diff.Should().BeEmpty("the public API of SecEvent.Tokens changed; review it, then run the tests once with SECEVENT_UPDATE_API=1 to accept it");
    }
}
