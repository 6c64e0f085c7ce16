using FluentAssertions;
using Microsoft.IdentityModel.Tokens;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Handler;

/// <summary><see cref="SecurityEventTokenHandler"/>: the algorithm allow-list and key resolution.</summary>
public partial class SecurityEventTokenHandlerTests
{
    [Test]
    public async Task ValidateTokenAsync_AlgorithmNotInValidAlgorithms_InvalidKey()
    {
        var error = (await Some.ValidateAsync(Some.Hs256(), p => p.ValidAlgorithms = ["RS256", "ES256"])).ShouldBeInvalidKey();

        error.Description.Should().Contain("HS256");
    }

    [Test]
    public async Task ValidateTokenAsync_AlgorithmInValidAlgorithms_Accepted()
    {
        (await Some.ValidateAsync(Some.Hs256(), p => p.ValidAlgorithms = ["RS256", "HS256"])).ShouldBeAccepted();
    }

    [Test]
    public async Task ValidateTokenAsync_RsaKeyButOnlyPs256Allowed_RefusesRs256()
    {
        var token = Some.Handler().CreateToken(Some.Descriptor("RS256"));
        var parameters = Some.Parameters("RS256");
        parameters.ValidAlgorithms = ["PS256"];

        (await Some.Handler().ValidateTokenAsync(token, parameters)).ShouldBeInvalidKey();
    }

    [Test]
    public async Task ValidateTokenAsync_SigningKeyResolver_CalledWithUnverifiedIssuerKidAndAlg()
    {
        SigningKeyResolutionContext? seen = null;
        var token = Some.Hs256(header: Some.Header(extraMembers: "\"kid\":\"hmac-1\""));

        var result = await Some.ValidateAsync(token, p =>
        {
            p.SigningKeys = [];
            p.SigningKeyResolver = (context, _) =>
            {
                seen = context;
                return ValueTask.FromResult<IEnumerable<SecurityKey>>([Some.Symmetric(32)]);
            };
        });

        result.ShouldBeAccepted();
        seen.Should().Be(new SigningKeyResolutionContext(Some.Issuer, "hmac-1", "HS256"));
    }

    [Test]
    public async Task ValidateTokenAsync_SigningKeyResolverAsync_ItsKeysJoinTheConfiguredOnes()
    {
        var resolved = Some.Symmetric(32, "from-resolver");
        var token = Some.Hs256(header: Some.Header(extraMembers: "\"kid\":\"from-resolver\""));

        var result = await Some.ValidateAsync(token, p =>
        {
            p.SigningKeys = [Some.OtherSymmetric("configured")];
            p.SigningKeyResolver = async (_, cancellationToken) =>
            {
                await Task.Yield();
                return [resolved];
            };
        });

        result.ShouldBeAccepted();
        result.SigningKey.Should().BeSameAs(resolved);
    }

    [Test]
    public async Task ValidateTokenAsync_SigningKeyResolverFindsNothing_InvalidKey()
    {
        var result = await Some.ValidateAsync(Some.Hs256(), p =>
        {
            p.SigningKeys = [];
            p.SigningKeyResolver = (_, _) => ValueTask.FromResult<IEnumerable<SecurityKey>>(null!);
        });

        result.ShouldBeInvalidKey();
    }

    [Test]
    public async Task ValidateTokenAsync_MalformedOrRefusedAlgorithm_ResolverNeverCalled()
    {
        // Hostile input must not make the receiver fetch keys (no JWKS look-ups on the attacker's behalf).
        var calls = 0;
        void Configure(SecurityEventTokenValidationParameters p)
        {
            p.ValidAlgorithms = ["HS256"];
            p.SigningKeyResolver = (_, _) =>
            {
                calls++;
                return ValueTask.FromResult<IEnumerable<SecurityKey>>([]);
            };
        }

        await Some.ValidateAsync("a.b", Configure);
        await Some.ValidateAsync(Some.Hs256(header: Some.Header("HS1")), Configure);
        await Some.ValidateAsync(Some.Hs256(header: Some.Header("HS512")), Configure);
        await Some.ValidateAsync(RawToken.Unsecured(Some.Header("none"), Some.Payload()), Configure);

        calls.Should().Be(0);
    }

    [Test]
    public async Task ValidateTokenAsync_CancellationToken_PassedToResolver()
    {
        using var cts = new CancellationTokenSource();
        CancellationToken seen = default;
        var parameters = Some.HmacParameters(p => p.SigningKeyResolver = (_, cancellationToken) =>
        {
            seen = cancellationToken;
            return ValueTask.FromResult<IEnumerable<SecurityKey>>([]);
        });

        (await Some.Handler().ValidateTokenAsync(Some.Hs256(), parameters, cts.Token)).ShouldBeAccepted();

        seen.Should().Be(cts.Token);
    }

    [Test]
    public async Task ValidateTokenAsync_CancelledWhileResolving_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        var parameters = Some.HmacParameters(p => p.SigningKeyResolver = async (_, cancellationToken) =>
        {
            await cts.CancelAsync();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return [];
        });

        var act = async () => await Some.Handler().ValidateTokenAsync(Some.Hs256(), parameters, cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Test]
    public async Task ValidateTokenAsync_AlreadyCancelled_ThrowsOperationCanceled()
    {
        var act = async () => await Some.Handler().ValidateTokenAsync(Some.Hs256(), Some.HmacParameters(), new CancellationToken(canceled: true));

        await act.Should().ThrowAsync<OperationCanceledException>();
    }
}
