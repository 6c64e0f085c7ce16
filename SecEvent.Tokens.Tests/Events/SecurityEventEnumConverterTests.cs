using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Events.Caep;

namespace SecEvent.Tokens.Tests.Events;

public class SecurityEventEnumConverterTests
{
    [TestCase("\"not-compliant\"", CaepComplianceStatus.NotCompliant)]
    [TestCase("\"compliant\"", CaepComplianceStatus.Compliant)]
    public void Deserialize_SpecName_ReadsMember(string json, CaepComplianceStatus expected) =>
        JsonSerializer.Deserialize<CaepComplianceStatus>(json).Should().Be(expected);

    [TestCase("\"NotCompliant\"")]
    [TestCase("\"Not-Compliant\"")]
    [TestCase("\"COMPLIANT\"")]
    [TestCase("\"\"")]
    [TestCase("1")]
    [TestCase("true")]
    [TestCase("null")]
    public void Deserialize_AnythingElse_Throws(string json)
    {
        var read = () => JsonSerializer.Deserialize<CaepComplianceStatus>(json);

        read.Should().Throw<JsonException>();
    }

    [Test]
    public void Serialize_Member_WritesSpecName() =>
        JsonSerializer.Serialize(CaepRiskLevel.Medium).Should().Be("\"MEDIUM\"");

    [Test]
    public void Serialize_UndefinedValue_Throws()
    {
        var write = () => JsonSerializer.Serialize((CaepRiskLevel)17);

        write.Should().Throw<JsonException>().WithMessage("*'LOW', 'MEDIUM', 'HIGH'*");
    }
}
