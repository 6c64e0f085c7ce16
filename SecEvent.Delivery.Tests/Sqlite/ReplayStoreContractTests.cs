using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Tests.Support;

namespace SecEvent.Delivery.Tests.Sqlite;

/// <summary>What every <see cref="ISecurityEventReplayStore"/> must do, run against each store by a subclass.</summary>
public abstract class ReplayStoreContractTests : StoreContractFixture<ISecurityEventReplayStore>
{
    [Test]
    public async Task ContainsAsync_AddedPair_TrueUntilItExpires()
    {
        await Store.AddAsync("iss", "jti", Start.AddMinutes(10), default);

        (await Store.ContainsAsync("iss", "jti", default)).Should().BeTrue();
        Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromMilliseconds(1));
        (await Store.ContainsAsync("iss", "jti", default)).Should().BeTrue();
        Time.Advance(TimeSpan.FromMilliseconds(1));
        (await Store.ContainsAsync("iss", "jti", default)).Should().BeFalse("an entry is forgotten at its expiry");
    }

    [Test]
    public async Task ContainsAsync_OtherPair_False()
    {
        await Store.AddAsync("iss", "jti", Start.AddHours(1), default);

        (await Store.ContainsAsync("iss", "other", default)).Should().BeFalse();
        (await Store.ContainsAsync("other", "jti", default)).Should().BeFalse();
        (await Store.ContainsAsync("iss", "JTI", default)).Should().BeFalse("pairs compare ordinally");
        (await Store.ContainsAsync("is", "sjti", default)).Should().BeFalse("the issuer and jti are kept apart");
    }

    [Test]
    public async Task AddAsync_ExistingPair_TakesTheNewExpiry()
    {
        await Store.AddAsync("iss", "jti", Start.AddMinutes(1), default);
        await Store.AddAsync("iss", "jti", Start.AddMinutes(5), default);

        Time.Advance(TimeSpan.FromMinutes(2));

        (await Store.ContainsAsync("iss", "jti", default)).Should().BeTrue();
    }

    [Test]
    public async Task AddAsync_ExpiredPairAddedAgain_RememberedAgain()
    {
        await Store.AddAsync("iss", "jti", Start.AddMinutes(1), default);
        Time.Advance(TimeSpan.FromMinutes(2));

        await Store.AddAsync("iss", "jti", Time.Now.AddMinutes(1), default);

        (await Store.ContainsAsync("iss", "jti", default)).Should().BeTrue();
    }

    [Test]
    public async Task Methods_NullArguments_Throw()
    {
        await Store.Invoking(s => s.AddAsync(null!, "j", Start, default).AsTask()).Should().ThrowAsync<ArgumentNullException>();
        await Store.Invoking(s => s.AddAsync("i", null!, Start, default).AsTask()).Should().ThrowAsync<ArgumentNullException>();
        await Store.Invoking(s => s.ContainsAsync(null!, "j", default).AsTask()).Should().ThrowAsync<ArgumentNullException>();
        await Store.Invoking(s => s.ContainsAsync("i", null!, default).AsTask()).Should().ThrowAsync<ArgumentNullException>();
    }

    [Test]
    public async Task Methods_CancelledToken_ThrowAndRecordNothing()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Store.Invoking(s => s.AddAsync("i", "j", Start.AddHours(1), cts.Token).AsTask()).Should().ThrowAsync<OperationCanceledException>();
        await Store.Invoking(s => s.ContainsAsync("i", "j", cts.Token).AsTask()).Should().ThrowAsync<OperationCanceledException>();
        (await Store.ContainsAsync("i", "j", default)).Should().BeFalse();
    }
}
