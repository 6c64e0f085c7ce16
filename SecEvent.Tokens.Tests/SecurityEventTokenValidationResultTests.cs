using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests;

/// <summary>Results and their errors never echo the token: they end up in logs and in push error bodies.</summary>
public class SecurityEventTokenValidationResultTests
{
    private const string Marker = "zz-attacker-marker";

    public static IEnumerable<TestCaseData> RefusedTokens()
    {
        TestCaseData Case(string name, string token) => new TestCaseData(token).SetArgDisplayNames(name);

        yield return Case("duplicate member", Some.Hs256(Some.Payload($"\"{Marker}\":1,\"{Marker}\":2")));
        yield return Case("bad typ", Some.Hs256(header: Some.Header(typ: Marker)));
        yield return Case("unknown alg", Some.Hs256(header: Some.Header(Marker)));
        yield return Case("wrong issuer", Some.Hs256(Some.Payload($"\"iss\":\"https://{Marker}.example\"", "iss")));
        yield return Case("wrong audience", Some.Hs256(Some.Payload($"\"aud\":\"{Marker}\"", "aud")));
        yield return Case("event not a URI", Some.Hs256(Some.Payload($"\"events\":{{\"{Marker}\":{{}}}}", "events")));
        yield return Case("bad stream status", Some.Hs256(Some.Payload($"\"events\":{{\"{SecurityEventTypes.SsfStreamUpdated}\":{{\"status\":\"{Marker}\"}}}}", "events")));
        yield return Case("status of wrong type", Some.Hs256(Some.Payload($"\"events\":{{\"{SecurityEventTypes.SsfStreamUpdated}\":{{\"status\":[\"{Marker}\"]}}}}", "events")));
        yield return Case("not JSON", Some.Hs256($"{{\"{Marker}\":"));
        yield return Case("bad signature", RawToken.Sign(Some.Header(), Some.Payload($"\"x\":\"{Marker}\""), Some.OtherSymmetric("k").Key));
        yield return Case("lone surrogate", Some.Hs256(Some.Payload($"\"{Marker}\":\"\\ud800\"")));
        yield return Case("aud wrong type", Some.Hs256(Some.Payload($"\"aud\":[\"{Marker}\",1]", "aud")));
    }

    [TestCaseSource(nameof(RefusedTokens))]
    public async Task ToString_RefusedToken_NeverContainsTokenOrItsClaims(string token)
    {
        var result = await Some.ValidateAsync(token);

        result.IsValid.Should().BeFalse();
        var (header, payload, _) = RawToken.Split(token);
        foreach (var text in new[] { result.ToString(), result.Error!.Description })
        {
            text.Should().NotContain(token).And.NotContain(payload).And.NotContain(header);
            text.Should().NotContain(Marker, "claim names and values from the token stay out of descriptions");
        }
    }

    [Test]
    public async Task ToString_AcceptedToken_DoesNotContainTheCompactToken()
    {
        var token = Some.Hs256();

        var text = (await Some.ValidateAsync(token)).ToString();

        text.Should().StartWith("valid:").And.Contain(Some.JwtId);
        text.Should().NotContain(token).And.NotContain(RawToken.Split(token).Payload);
    }

    [Test]
    public async Task ToString_Refused_StartsWithInvalidAndTheCode()
    {
        (await Some.ValidateAsync("x")).ToString().Should().StartWith("invalid: invalid_request: ");
    }
}
