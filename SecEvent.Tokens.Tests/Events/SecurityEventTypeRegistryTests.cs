using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Events;

public class SecurityEventTypeRegistryTests
{
    [Test]
    public async Task Register_UserEventType_RoundTripsTyped()
    {
        var handler = new SecurityEventTokenHandler(new ManualTimeProvider(Some.Now), TestEvents.Registry());
        var sent = new AccountFrozenEvent { Reason = "fraud", Until = 1767312000 };
        var descriptor = Some.Descriptor("HS256");
        descriptor.Events = [sent];

        var accepted = (await handler.ValidateTokenAsync(handler.CreateToken(descriptor), Some.Parameters("HS256"))).ShouldBeAccepted();

        accepted.GetEvent<AccountFrozenEvent>().Should().Be(sent);
        accepted.Payload.GetProperty("events").GetProperty(AccountFrozenEvent.Uri).GetRawText().Should().Be("{\"reason\":\"fraud\",\"until\":1767312000}");
    }

    [Test]
    public async Task Register_UserEventTypeFromRawToken_ReadTypedWithUnknownMembers()
    {
        var handler = new SecurityEventTokenHandler(new ManualTimeProvider(Some.Now), TestEvents.Registry());
        var token = EventTokens.WithEvent(AccountFrozenEvent.Uri, "{\"reason\":\"fraud\",\"x\":1}");

        var frozen = (await EventTokens.ValidateAsync(token, handler)).ShouldBeAccepted().GetEvent<AccountFrozenEvent>()!;

        frozen.Reason.Should().Be("fraud");
        frozen.Until.Should().BeNull();
        frozen.AdditionalMembers!.Keys.Should().Equal("x");
    }

    [TestCase("{}")]
    [TestCase("{\"reason\":null}")]
    [TestCase("{\"reason\":1}")]
    [TestCase("{\"reason\":\"\"}")]
    [TestCase("{\"reason\":\"r\",\"until\":\"soon\"}")]
    public async Task Register_UserEventTypeInvalidPayload_InvalidRequest(string payload)
    {
        // Required members, nullability and the record's own Validate() all apply to received events.
        var handler = new SecurityEventTokenHandler(new ManualTimeProvider(Some.Now), TestEvents.Registry());

        (await EventTokens.ValidateAsync(EventTokens.WithEvent(AccountFrozenEvent.Uri, payload), handler)).ShouldBeInvalidRequest();
    }

    [Test]
    public void Register_UserEventTypeFailingItsValidate_CreateTokenThrowsInvalidRequest()
    {
        var handler = new SecurityEventTokenHandler(new ManualTimeProvider(Some.Now), TestEvents.Registry());
        var descriptor = Some.Descriptor("HS256");
        descriptor.Events = [new AccountFrozenEvent { Reason = string.Empty }];

        FluentActions.Invoking(() => handler.CreateToken(descriptor))
            .Should().Throw<SecurityEventTokenException>().Which.Error.Code.Should().Be(SecurityEventErrorCodes.InvalidRequest);
    }

    [Test]
    public async Task Default_UserEventTypeUri_ReadAsUnknown()
    {
        var token = EventTokens.WithEvent(AccountFrozenEvent.Uri, "{\"reason\":\"fraud\"}");

        var accepted = (await EventTokens.ValidateAsync(token)).ShouldBeAccepted();

        accepted.Events.Single().Should().BeOfType<UnknownSecurityEvent>();
    }

    [Test]
    public void Register_OnDefault_ThrowsInvalidOperation()
    {
        FluentActions.Invoking(() => SecurityEventTypeRegistry.Default.Register(AccountFrozenEvent.Uri, TestEventJsonContext.Default.AccountFrozenEvent))
            .Should().Throw<InvalidOperationException>();
        SecurityEventTypeRegistry.Default.TryGetModelType(AccountFrozenEvent.Uri, out _).Should().BeFalse();
    }

    [Test]
    public void Register_SameUriOrSameRecordTwice_ThrowsArgumentException()
    {
        var registry = TestEvents.Registry();

        FluentActions.Invoking(() => registry.Register(AccountFrozenEvent.Uri, TestEventJsonContext.Default.MislabelledEvent)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => registry.Register("urn:example:another", TestEventJsonContext.Default.AccountFrozenEvent)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => registry.Register(SecurityEventTypes.SsfVerification, TestEventJsonContext.Default.UnregisteredEvent)).Should().Throw<ArgumentException>();
    }

    [Test]
    public void Constructor_NewRegistry_HoldsTheShippedTypes()
    {
        var registry = new SecurityEventTypeRegistry();

        registry.TryGetModelType(SecurityEventTypes.SsfVerification, out var verification).Should().BeTrue();
        verification.Should().Be<SsfVerificationEvent>();
        registry.TryGetModelType(SecurityEventTypes.SsfStreamUpdated, out var updated).Should().BeTrue();
        updated.Should().Be<SsfStreamUpdatedEvent>();
        registry.TryGetModelType(SecurityEventTypes.BackChannelLogout, out var logout).Should().BeTrue();
        logout.Should().Be<SecEvent.Tokens.Logout.BackChannelLogoutEvent>();
    }

    [Test]
    public void CreateToken_UnregisteredTypedEvent_ThrowsInvalidOperation()
    {
        var descriptor = Some.Descriptor();
        descriptor.Events = [new UnregisteredEvent()];

        FluentActions.Invoking(() => Some.Handler().CreateToken(descriptor)).Should().Throw<InvalidOperationException>();
    }

    [Test]
    public void CreateToken_EventReportingAnotherTypeThanRegistered_ThrowsInvalidRequest()
    {
        var registry = new SecurityEventTypeRegistry().Register("https://events.example.com/event-type/registered-at", TestEventJsonContext.Default.MislabelledEvent);
        var handler = new SecurityEventTokenHandler(new ManualTimeProvider(Some.Now), registry);
        var descriptor = Some.Descriptor();
        descriptor.Events = [new MislabelledEvent()];

        FluentActions.Invoking(() => handler.CreateToken(descriptor))
            .Should().Throw<SecurityEventTokenException>().Which.Error.Code.Should().Be(SecurityEventErrorCodes.InvalidRequest);
    }

    [Test]
    public void Register_NullOrEmptyArguments_Throw()
    {
        var registry = new SecurityEventTypeRegistry();

        FluentActions.Invoking(() => registry.Register(string.Empty, TestEventJsonContext.Default.AccountFrozenEvent)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => registry.Register<AccountFrozenEvent>(AccountFrozenEvent.Uri, null!)).Should().Throw<ArgumentNullException>();
    }
}
