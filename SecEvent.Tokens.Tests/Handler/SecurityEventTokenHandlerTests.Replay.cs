using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Handler;

/// <summary><see cref="SecurityEventTokenHandler"/> with a replay cache: (iss, jti) accepted once.</summary>
public partial class SecurityEventTokenHandlerTests
{
    [Test]
    public async Task ValidateTokenAsync_SameTokenTwice_SecondIsInvalidRequest()
    {
        var (clock, cache) = NewReplayCache(TimeSpan.FromHours(1));
        var token = Some.Hs256();

        (await Some.ValidateAsync(token, p => p.ReplayCache = cache, clock)).ShouldBeAccepted();
        var error = (await Some.ValidateAsync(token, p => p.ReplayCache = cache, clock)).ShouldBeInvalidRequest();

        error.Description.Should().Contain("replay");
    }

    [Test]
    public async Task ValidateTokenAsync_SameJtiFromAnotherIssuer_BothAccepted()
    {
        var (clock, cache) = NewReplayCache(TimeSpan.FromHours(1));
        var first = Some.Hs256();
        var second = Some.Hs256(Some.Payload().Replace(Some.Issuer, OtherIssuer, StringComparison.Ordinal));
        void Configure(SecurityEventTokenValidationParameters p) => (p.ReplayCache, p.ValidIssuers) = (cache, [Some.Issuer, OtherIssuer]);

        (await Some.ValidateAsync(first, Configure, clock)).ShouldBeAccepted();
        (await Some.ValidateAsync(second, Configure, clock)).ShouldBeAccepted();
        cache.Count.Should().Be(2);
    }

    [Test]
    public async Task ValidateTokenAsync_DifferentTokensWithSameIssAndJti_SecondRefused()
    {
        // Replay is about (iss, jti), not the exact bytes: a re-signed copy with another claim is still a replay.
        var (clock, cache) = NewReplayCache(TimeSpan.FromHours(1));

        (await Some.ValidateAsync(Some.Hs256(), p => p.ReplayCache = cache, clock)).ShouldBeAccepted();
        (await Some.ValidateAsync(Some.Hs256(Some.Payload("\"txn\":\"t-2\"")), p => p.ReplayCache = cache, clock)).ShouldBeInvalidRequest();
    }

    [Test]
    public async Task ValidateTokenAsync_InvalidTokensFirst_DoNotPoisonTheCache()
    {
        // A forged or otherwise refused token with the same (iss, jti) must not block the genuine one.
        var (clock, cache) = NewReplayCache(TimeSpan.FromHours(1));
        var forged = RawToken.Sign(Some.Header(), Some.Payload(), Some.OtherSymmetric("x").Key);
        var expired = Some.Hs256(Some.Payload($"\"exp\":{Some.NowSeconds - 3600}"));
        var wrongAudience = Some.Hs256(Some.Payload("\"aud\":\"https://other.example\"", "aud"));

        (await Some.ValidateAsync(forged, p => p.ReplayCache = cache, clock)).ShouldBeInvalidKey();
        (await Some.ValidateAsync(expired, p => p.ReplayCache = cache, clock)).ShouldBeInvalidRequest();
        (await Some.ValidateAsync(wrongAudience, p => p.ReplayCache = cache, clock)).ShouldBeRefused(SecurityEventErrorCodes.InvalidAudience);
        cache.Count.Should().Be(0);

        (await Some.ValidateAsync(Some.Hs256(), p => p.ReplayCache = cache, clock)).ShouldBeAccepted();
    }

    [Test]
    public async Task ValidateTokenAsync_AfterRetention_AcceptedAgain()
    {
        var (clock, cache) = NewReplayCache(TimeSpan.FromMinutes(10));
        var token = Some.Hs256();

        (await Some.ValidateAsync(token, p => p.ReplayCache = cache, clock)).ShouldBeAccepted();
        clock.Advance(TimeSpan.FromMinutes(9));
        (await Some.ValidateAsync(token, p => p.ReplayCache = cache, clock)).ShouldBeInvalidRequest();
        clock.Advance(TimeSpan.FromMinutes(2));
        (await Some.ValidateAsync(token, p => p.ReplayCache = cache, clock)).ShouldBeAccepted();
    }

    [Test]
    public async Task ValidateTokenAsync_ExpLaterThanRetention_StillRefusedUntilExp()
    {
        var (clock, cache) = NewReplayCache(TimeSpan.FromMinutes(1));
        var token = Some.Hs256(Some.Payload($"\"exp\":{Some.NowSeconds + 3600}"));

        (await Some.ValidateAsync(token, p => p.ReplayCache = cache, clock)).ShouldBeAccepted();
        clock.Advance(TimeSpan.FromMinutes(30));
        (await Some.ValidateAsync(token, p => p.ReplayCache = cache, clock)).ShouldBeInvalidRequest();
    }

    [Test]
    public async Task ValidateTokenAsync_ReplayedWithinClockSkewAfterExp_InvalidRequest()
    {
        // Retention 30 s, exp in 40 s, skew 60 s: the token stays acceptable until +100 s, the entry is kept until +40 s.
        var (clock, cache) = NewReplayCache(TimeSpan.FromSeconds(30));
        var token = Some.Hs256(Some.Payload($"\"exp\":{Some.NowSeconds + 40}"));
        void Configure(SecurityEventTokenValidationParameters p) => (p.ReplayCache, p.ClockSkew) = (cache, Skew);

        (await Some.ValidateAsync(token, Configure, clock)).ShouldBeAccepted();
        clock.Advance(TimeSpan.FromSeconds(70));

        (await Some.ValidateAsync(token, Configure, clock)).ShouldBeInvalidRequest();
    }

    [Test]
    public async Task ValidateTokenAsync_ReplayCache_ReceivesIssuerJtiExpAndCancellationToken()
    {
        var spy = new SpyReplayCache();
        using var cts = new CancellationTokenSource();
        var token = Some.Hs256(Some.Payload($"\"exp\":{Some.NowSeconds + 600}"));

        (await Some.Handler().ValidateTokenAsync(token, Some.HmacParameters(p => p.ReplayCache = spy), cts.Token)).ShouldBeAccepted();

        // The entry must outlive the last instant the token is accepted: exp + ClockSkew.
        var acceptedUntil = new NumericDate(Some.NowSeconds + 600 + (decimal)new SecurityEventTokenValidationParameters().ClockSkew.TotalSeconds);
        spy.Calls.Should().ContainSingle().Which.Should().Be((Some.Issuer, Some.JwtId, (NumericDate?)acceptedUntil, cts.Token));
    }

    private static (ManualTimeProvider Clock, InMemorySecurityEventReplayCache Cache) NewReplayCache(TimeSpan retention)
    {
        var clock = new ManualTimeProvider(Some.Now);
        return (clock, new InMemorySecurityEventReplayCache(retention, timeProvider: clock));
    }

    private sealed class SpyReplayCache : ISecurityEventReplayCache
    {
        public List<(string Issuer, string JwtId, NumericDate? Expiration, CancellationToken CancellationToken)> Calls { get; } = [];

        public ValueTask<bool> TryAddAsync(string issuer, string jwtId, NumericDate? expiration, CancellationToken cancellationToken)
        {
            Calls.Add((issuer, jwtId, expiration, cancellationToken));
            return ValueTask.FromResult(true);
        }
    }
}
