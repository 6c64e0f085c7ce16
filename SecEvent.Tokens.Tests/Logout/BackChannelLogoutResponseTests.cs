using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Logout;

namespace SecEvent.Tokens.Tests.Logout;

/// <summary><see cref="BackChannelLogoutResponse"/>: the answers of §2.8.</summary>
public class BackChannelLogoutResponseTests
{
    [Test]
    public void Success_MatchesSection28Example_200NoStoreNoBodyBCL10()
    {
        var vector = Support.Vectors.Named("oidc-bcl-sec2.8-logout-response").Data;
        var response = BackChannelLogoutResponse.Success;

        response.StatusCode.Should().Be(vector.GetProperty("status").GetInt32());
        response.IsSuccess.Should().BeTrue();
        response.Error.Should().BeNull();
        response.Body.IsEmpty.Should().BeTrue();
        response.Headers.Select(h => new[] { h.Key, h.Value })
            .Should().BeEquivalentTo(vector.GetProperty("headers").EnumerateArray().Select(h => new[] { h[0].GetString(), h[1].GetString() }));
    }

    [Test]
    public void Failure_Error_400NoStoreAndOAuthJsonBodyBCL10()
    {
        var response = BackChannelLogoutResponse.Failure(new LogoutError("invalid_request", "The token has expired."));

        response.StatusCode.Should().Be(400);
        response.IsSuccess.Should().BeFalse();
        response.Headers.Should().Contain(new KeyValuePair<string, string>("Cache-Control", "no-store"))
            .And.Contain(new KeyValuePair<string, string>("Content-Type", "application/json"));
        using var body = JsonDocument.Parse(response.Body);
        body.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("error", "error_description");
        body.RootElement.GetProperty("error").GetString().Should().Be("invalid_request");
        body.RootElement.GetProperty("error_description").GetString().Should().Be("The token has expired.");
        body.RootElement.TryGetProperty("err", out _).Should().BeFalse("the RFC 8935 form is not used here");
    }

    [Test]
    public void Failure_DescriptionOutsideOAuthCharacters_WrittenWithAllowedCharactersOnlyBCL10()
    {
        var response = BackChannelLogoutResponse.Failure(new LogoutError("invalid_request", "Bad \"exp\" (RFC 7519 §4.1.4)\\ é\n"));

        using var body = JsonDocument.Parse(response.Body);
        var description = body.RootElement.GetProperty("error_description").GetString()!;
        description.Should().Be("Bad 'exp' (RFC 7519 section 4.1.4)/ ??");
        description.Should().NotContainAny("\"", "\\");
        description.All(c => c is >= ' ' and <= '~').Should().BeTrue();
    }

    [Test]
    public void Failure_Null_Throws()
    {
        FluentActions.Invoking(() => BackChannelLogoutResponse.Failure(null!)).Should().Throw<ArgumentNullException>();
    }
}
