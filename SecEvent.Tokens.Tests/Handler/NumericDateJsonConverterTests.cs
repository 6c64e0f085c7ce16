using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;

namespace SecEvent.Tokens.Tests.Handler;

public class NumericDateJsonConverterTests
{
    [TestCase("1615304991", "1615304991")]
    [TestCase("1615304991.250", "1615304991.250")]
    [TestCase("0", "0")]
    public void RoundTrip_Number_KeptExactly(string json, string written) =>
        JsonSerializer.Serialize(JsonSerializer.Deserialize<NumericDate>(json)).Should().Be(written);

    [TestCase("\"1615304991\"")]
    [TestCase("1e300")]
    [TestCase("-1e20")]
    [TestCase("true")]
    [TestCase("{}")]
    public void Deserialize_NotANumericDate_Throws(string json)
    {
        var read = () => JsonSerializer.Deserialize<NumericDate>(json);

        read.Should().Throw<JsonException>().WithMessage("*NumericDate*");
    }
}
