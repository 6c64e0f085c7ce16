using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Events.Scim;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Events.Scim;

/// <summary>Several SCIM events in one SET describe one transaction on one subject (draft-ietf-scim-events §2.1).</summary>
public class ScimTransactionEventsTests
{
    [Test]
    public async Task CreateToken_FeedAddAndCreateNoticeInOneSet_BothTypedForOneSubjectSCIM03()
    {
        var descriptor = ScimTokens.Descriptor(new ScimFeedAdd(), ScimTokens.Txn);
        descriptor.Events = [new ScimFeedAdd(), new ScimCreateNotice { Attributes = ["userName", "emails"], Version = "W/\"a330bc54f0671c9\"" }];

        var token = await ScimTokens.RoundTripAsync(descriptor);

        token.Events.Select(e => e.GetType()).Should().Equal(typeof(ScimFeedAdd), typeof(ScimCreateNotice));
        token.SubjectId.Should().Be(ScimTokens.Subject);
        token.TransactionId.Should().Be(ScimTokens.Txn);
    }

    [Test]
    public async Task ValidateTokenAsync_OneOfTwoEventsBroken_WholeSetRefusedSCIM03()
    {
        var events = $"\"events\":{{\"{ScimEventTypes.FeedAdd}\":{{}},\"{ScimEventTypes.CreateNotice}\":{{\"data\":{{}}}}}}";
        var token = Some.Hs256(Some.Payload($"{ScimTokens.SubId},{events}", "events"));

        var error = (await ScimTokens.ValidateAsync(token)).ShouldBeInvalidRequest();

        error.Description.Should().Contain("attributes");
    }
}
