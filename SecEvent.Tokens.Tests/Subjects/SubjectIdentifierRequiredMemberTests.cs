using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;

namespace SecEvent.Tokens.Tests.Subjects;

/// <summary>
/// RFC 9493 §3 (SUB-03) for every modelled format: each required member present, of the right JSON type, non-null and
/// non-empty; no undescribed or repeated members.
/// </summary>
[TestFixture]
public sealed class SubjectIdentifierRequiredMemberTests
{
    private static readonly (string Format, string Sample, string[] StringMembers, string? ArrayMember)[] Formats =
    [
        ("account", """{"format":"account","uri":"acct:example.user@service.example.com"}""", ["uri"], null),
        ("email", """{"format":"email","email":"user@example.com"}""", ["email"], null),
        ("iss_sub", """{"format":"iss_sub","iss":"https://issuer.example.com/","sub":"145234573"}""", ["iss", "sub"], null),
        ("opaque", """{"format":"opaque","id":"11112222333344445555"}""", ["id"], null),
        ("phone_number", """{"format":"phone_number","phone_number":"+12065550100"}""", ["phone_number"], null),
        ("did", """{"format":"did","url":"did:example:123456"}""", ["url"], null),
        ("uri", """{"format":"uri","uri":"https://user.example.com/"}""", ["uri"], null),
        ("jwt_id", """{"format":"jwt_id","iss":"https://idp.example.com/","jti":"B70BA622"}""", ["iss", "jti"], null),
        ("saml_assertion_id", """{"format":"saml_assertion_id","issuer":"https://idp.example.com/","assertion_id":"_8e8d"}""", ["issuer", "assertion_id"], null),
        ("ip-addresses", """{"format":"ip-addresses","ip-addresses":["10.29.37.75"]}""", [], "ip-addresses"),
        ("aliases", """{"format":"aliases","identifiers":[{"format":"email","email":"user@example.com"}]}""", [], "identifiers"),
    ];

    private static IEnumerable<TestCaseData> Samples() =>
        Formats.Select(f => new TestCaseData(f.Sample).SetArgDisplayNames(f.Format));

    private static IEnumerable<TestCaseData> RequiredMembers() =>
        Formats.SelectMany(f => f.StringMembers.Append(f.ArrayMember).OfType<string>()
            .Select(m => new TestCaseData(f.Format, f.Sample, m).SetArgDisplayNames(f.Format, m)));

    private static IEnumerable<TestCaseData> StringMembers() =>
        Formats.SelectMany(f => f.StringMembers.Select(m => new TestCaseData(f.Format, f.Sample, m).SetArgDisplayNames(f.Format, m)));

    private static IEnumerable<TestCaseData> ArrayMembers() =>
        Formats.Where(f => f.ArrayMember is not null)
            .Select(f => new TestCaseData(f.Format, f.Sample, f.ArrayMember).SetArgDisplayNames(f.Format, f.ArrayMember!));

    [TestCaseSource(nameof(Samples))]
    public void TryParse_ValidSample_SucceedsSUB03(string sample) =>
        SubjectJson.Valid(sample).Format.Should().Be(JsonNode.Parse(sample)!["format"]!.GetValue<string>());

    [TestCaseSource(nameof(RequiredMembers))]
    public void TryParse_RequiredMemberMissing_FailsSUB03(string format, string sample, string member)
    {
        var error = SubjectJson.Invalid(Mutate(sample, o => o.Remove(member)));

        error.Should().Contain($"'{format}'").And.Contain($"'{member}'").And.Contain("requires");
    }

    [TestCaseSource(nameof(RequiredMembers))]
    public void TryParse_RequiredMemberNull_FailsSUB03(string format, string sample, string member)
    {
        var error = SubjectJson.Invalid(Mutate(sample, o => o[member] = null));

        error.Should().Contain($"'{format}'").And.Contain($"'{member}'").And.Contain("null");
    }

    [TestCaseSource(nameof(StringMembers))]
    public void TryParse_RequiredStringMemberEmpty_FailsSUB03(string format, string sample, string member)
    {
        var error = SubjectJson.Invalid(Mutate(sample, o => o[member] = ""));

        error.Should().Contain($"'{format}'").And.Contain($"'{member}'").And.Contain("empty");
    }

    [TestCaseSource(nameof(StringMembers))]
    public void TryParse_RequiredStringMemberNotString_FailsSUB03(string format, string sample, string member)
    {
        foreach (var wrong in new JsonNode[] { 42, true, new JsonObject(), new JsonArray("x") })
        {
            var error = SubjectJson.Invalid(Mutate(sample, o => o[member] = wrong.DeepClone()));

            error.Should().Contain($"'{format}'").And.Contain($"'{member}'").And.Contain("JSON string");
        }
    }

    [TestCaseSource(nameof(ArrayMembers))]
    public void TryParse_RequiredArrayMemberEmpty_FailsSUB03(string format, string sample, string member)
    {
        var error = SubjectJson.Invalid(Mutate(sample, o => o[member] = new JsonArray()));

        error.Should().Contain($"'{format}'").And.Contain($"'{member}'").And.Contain("empty");
    }

    [TestCaseSource(nameof(ArrayMembers))]
    public void TryParse_RequiredArrayMemberNotArray_FailsSUB03(string format, string sample, string member)
    {
        foreach (var wrong in new JsonNode[] { "10.0.0.1", 42, new JsonObject() })
        {
            var error = SubjectJson.Invalid(Mutate(sample, o => o[member] = wrong.DeepClone()));

            error.Should().Contain($"'{format}'").And.Contain($"'{member}'").And.Contain("JSON array");
        }
    }

    [TestCaseSource(nameof(Samples))]
    public void TryParse_UndescribedMember_FailsSUB03(string sample)
    {
        var error = SubjectJson.Invalid(Mutate(sample, o => o["nickname"] = "secret-value"));

        error.Should().Contain("does not describe member 'nickname'").And.NotContain("secret-value");
    }

    [TestCaseSource(nameof(Samples))]
    public void TryParse_LegacySubjectTypeBesideFormat_FailsSUB03(string sample) =>
        SubjectJson.Invalid(Mutate(sample, o => o["subject_type"] = "email")).Should().Contain("'subject_type'");

    [TestCaseSource(nameof(RequiredMembers))]
    public void TryParse_RequiredMemberRepeated_Fails(string format, string sample, string member)
    {
        // JsonObject cannot hold a repeated name, so the member is appended as text.
        var value = JsonNode.Parse(sample)![member]!.ToJsonString();
        var repeated = sample[..^1] + $",\"{member}\":{value}}}";

        SubjectJson.Invalid(repeated).Should().Contain($"'{format}'").And.Contain($"'{member}' more than once");
    }

    [TestCaseSource(nameof(Samples))]
    public void TryParse_FormatRepeated_Fails(string sample)
    {
        var format = JsonNode.Parse(sample)!["format"]!.ToJsonString();

        SubjectJson.Invalid(sample[..^1] + $",\"format\":{format}}}").Should().Contain("'format' more than once");
    }

    [TestCaseSource(nameof(Samples))]
    public void TryParse_FormatRepeatedWithOtherName_Fails(string sample) =>
        SubjectJson.Invalid(sample[..^1] + ",\"format\":\"catalog_item\"}");

    [TestCaseSource(nameof(Samples))]
    public void TryParse_MembersInAnyOrder_Succeeds(string sample)
    {
        var reordered = new JsonObject();
        foreach (var (name, value) in JsonNode.Parse(sample)!.AsObject().Reverse())
        {
            reordered[name] = value?.DeepClone();
        }

        SubjectJson.Valid(reordered.ToJsonString()).Should().Be(SubjectJson.Valid(sample));
    }

    private static string Mutate(string sample, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(sample)!.AsObject();
        change(node);
        return node.ToJsonString();
    }
}
