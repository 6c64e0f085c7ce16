using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Creation;

/// <summary>How the loosely typed values of <see cref="SecurityEventTokenDescriptor.AdditionalClaims"/> are written.</summary>
public class ClaimValueWriterTests
{
    public static IEnumerable<TestCaseData> SupportedValues()
    {
        yield return new TestCaseData("text", "\"text\"").SetArgDisplayNames("string");
        yield return new TestCaseData(true, "true").SetArgDisplayNames("bool");
        yield return new TestCaseData(42, "42").SetArgDisplayNames("int");
        yield return new TestCaseData(9_007_199_254_740_993L, "9007199254740993").SetArgDisplayNames("long");
        yield return new TestCaseData(1458496404.123m, "1458496404.123").SetArgDisplayNames("decimal");
        yield return new TestCaseData(0.5d, "0.5").SetArgDisplayNames("double");
        yield return new TestCaseData(null, "null").SetArgDisplayNames("null");
        yield return new TestCaseData(new[] { "a", "b" }, "[\"a\",\"b\"]").SetArgDisplayNames("string[]");
        yield return new TestCaseData(new List<string> { "c" }, "[\"c\"]").SetArgDisplayNames("List<string>");
        yield return new TestCaseData(JsonElement.Parse("{\"k\":[1,{\"x\":null}]}"), "{\"k\":[1,{\"x\":null}]}").SetArgDisplayNames("JsonElement");
    }

    [TestCaseSource(nameof(SupportedValues))]
    public async Task CreateToken_SupportedAdditionalClaimValue_WrittenAndReadBack(object? value, string json)
    {
        var descriptor = Some.Descriptor("HS256");
        descriptor.AdditionalClaims["x-claim"] = value;

        var token = (await Some.Handler().ValidateTokenAsync(Some.Handler().CreateToken(descriptor), Some.Parameters("HS256"))).ShouldBeAccepted();

        token.TryGetClaim("x-claim", out var written).Should().BeTrue();
        JsonElement.DeepEquals(written, JsonElement.Parse(json)).Should().BeTrue("{0} was written", written.GetRawText());
    }

    public static IEnumerable<TestCaseData> UnsupportedValues()
    {
        yield return new TestCaseData(double.NaN).SetArgDisplayNames("NaN");
        yield return new TestCaseData(double.PositiveInfinity).SetArgDisplayNames("Infinity");
        yield return new TestCaseData(DateTimeOffset.UnixEpoch).SetArgDisplayNames("DateTimeOffset");
        yield return new TestCaseData(new { a = 1 }).SetArgDisplayNames("anonymous object");
        yield return new TestCaseData(new[] { 1, 2 }).SetArgDisplayNames("int[]");
    }

    [TestCaseSource(nameof(UnsupportedValues))]
    public void CreateToken_UnsupportedAdditionalClaimValue_ThrowsArgumentException(object value)
    {
        var descriptor = Some.Descriptor();
        descriptor.AdditionalClaims["x-claim"] = value;

        FluentActions.Invoking(() => Some.Handler().CreateToken(descriptor)).Should().Throw<ArgumentException>().WithMessage("*x-claim*");
    }

    [Test]
    public void CreateToken_UnsupportedHeaderParameterValue_ThrowsArgumentException()
    {
        var descriptor = Some.Descriptor();
        descriptor.AdditionalHeaderParameters["x-param"] = new Uri("https://example.com");

        FluentActions.Invoking(() => Some.Handler().CreateToken(descriptor)).Should().Throw<ArgumentException>();
    }
}
