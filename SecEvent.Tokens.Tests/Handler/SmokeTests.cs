using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Handler;

public class SmokeTests
{
    [TestCase("ES256")]
    [TestCase("RS256")]
    [TestCase("HS256")]
    public async Task CreateThenValidate_RoundTrips(string alg)
    {
        var handler = Some.Handler();
        var token = handler.CreateToken(Some.Descriptor(alg));
        var result = await handler.ValidateTokenAsync(token, Some.Parameters(alg));
        result.Error.Should().BeNull();
        result.IsValid.Should().BeTrue();
        TestContext.Out.WriteLine(token);
    }
}
