using System.Net;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens.Tests.Subjects;

/// <summary>FsCheck generators of valid subject identifiers in every format.</summary>
internal static class SubjectIdentifierGenerators
{
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Digits = "0123456789";
    private const string Alnum = Lower + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + Digits;

    private static readonly string[] ComplexNames = ["user", "device", "session", "application", "tenant", "org_unit", "group", "printer"];

    /// <summary>Any identifier: simple, aliases, complex or unknown.</summary>
    public static Gen<SubjectIdentifier> Any() => Gen.OneOf(Simple(), Aliases(), Complex(), Unknown());

    /// <summary>One of the formats that can appear inside an aliases identifier.</summary>
    public static Gen<SubjectIdentifier> Simple() => Gen.OneOf(
        Account(), Email(), IssuerSubject(), Opaque(), PhoneNumber(), Did(), Uri(), JwtId(), SamlAssertionId(), IPAddresses(), Scim(), Unknown());

    /// <summary>Complex subjects built from a small pool of values, so that pairs often share members.</summary>
    public static Gen<SubjectIdentifier> SmallComplex()
    {
        var pool = Gen.Elements<SubjectIdentifier>(
            new OpaqueSubjectIdentifier { Id = "a" },
            new OpaqueSubjectIdentifier { Id = "b" },
            new EmailSubjectIdentifier { Email = "a@example.com" });
        return Gen.SubListOf(ComplexNames[..3])
            .Where(names => names.Count > 0)
            .SelectMany(names => Gen.CollectToArray(names, _ => pool).Select(values => (SubjectIdentifier)ToComplex([.. names], values)));
    }

    public static Gen<SubjectIdentifier> Account() =>
        from user in StringOf(Alnum + "._~-!$&'()*+,;=", 1, 10)
        from host in StringOf(Lower + Digits + ".-", 1, 12)
        select (SubjectIdentifier)new AccountSubjectIdentifier { Uri = $"acct:{user}@{host}" };

    public static Gen<SubjectIdentifier> Email() =>
        from local in StringOf(Alnum + "._+-'ü", 1, 12)
        from domain in StringOf(Lower + Digits + "-", 1, 12)
        from tld in StringOf(Lower, 2, 4)
        select (SubjectIdentifier)new EmailSubjectIdentifier { Email = $"{local}@{domain}.{tld}" };

    public static Gen<SubjectIdentifier> IssuerSubject() =>
        from iss in Text()
        from sub in Text()
        select (SubjectIdentifier)new IssuerSubjectIdentifier { Issuer = iss, Subject = sub };

    public static Gen<SubjectIdentifier> Opaque() =>
        Text().Select(id => (SubjectIdentifier)new OpaqueSubjectIdentifier { Id = id });

    public static Gen<SubjectIdentifier> PhoneNumber() =>
        from first in Gen.Elements("123456789".ToCharArray())
        from rest in Gen.Choose(1, 14).SelectMany(n => Gen.ArrayOf(DigitWithSeparator(), n))
        select (SubjectIdentifier)new PhoneNumberSubjectIdentifier { PhoneNumber = "+" + first + string.Concat(rest) };

    public static Gen<SubjectIdentifier> Did() =>
        from method in StringOf(Lower + Digits, 1, 8)
        from id in StringOf(Alnum + ".-_", 1, 16)
        from path in Gen.Elements("", "/path/to", "?versionId=1", "#key-1", "/a?b=c#d")
        select (SubjectIdentifier)new DidSubjectIdentifier { Url = $"did:{method}:{id}{path}" };

    public static Gen<SubjectIdentifier> Uri() =>
        from scheme in StringOf(Lower, 1, 1).SelectMany(head => StringOf(Lower + Digits + "+-.", 0, 5).Select(tail => head + tail))
        from rest in StringOf(Alnum + "-._~:/?#[]@!$&'()*+,;=", 1, 20)
        select (SubjectIdentifier)new UriSubjectIdentifier { Uri = $"{scheme}:{rest}" };

    public static Gen<SubjectIdentifier> JwtId() =>
        from iss in Text()
        from jti in Text()
        select (SubjectIdentifier)new JwtIdSubjectIdentifier { Issuer = iss, JwtId = jti };

    public static Gen<SubjectIdentifier> SamlAssertionId() =>
        from issuer in Text()
        from id in Text()
        select (SubjectIdentifier)new SamlAssertionIdSubjectIdentifier { Issuer = issuer, AssertionId = id };

    public static Gen<SubjectIdentifier> IPAddresses()
    {
        var v4 = Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 4);
        var v6 = Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 16);
        var address = Gen.OneOf(v4, v6).Select(bytes => new IPAddress(bytes).ToString());
        return Gen.NonEmptyListOf(address).Select(list => (SubjectIdentifier)new IPAddressesSubjectIdentifier { Addresses = [.. list.Take(4)] });
    }

    public static Gen<SubjectIdentifier> Scim() =>
        from type in Gen.Elements("Users", "Groups", "Devices")
        from id in StringOf(Alnum + "-._~!$&'()*+,;=:@", 1, 16)
        from externalId in Gen.OneOf(Gen.Constant<string?>(null), Text().Select(t => (string?)t))
        from scimId in Gen.OneOf(Gen.Constant<string?>(null), Gen.Constant<string?>(id))
        from members in Gen.ListOf(Gen.Zip(StringOf(Lower + "_", 1, 8).Select(name => "x" + name), JsonValue()))
        select (SubjectIdentifier)new ScimSubjectIdentifier { Uri = $"/{type}/{id}", ExternalId = externalId, Id = scimId, AdditionalMembers = ToObject(members) };

    public static Gen<SubjectIdentifier> Aliases() =>
        Gen.NonEmptyListOf(Simple()).Select(list => (SubjectIdentifier)new AliasesSubjectIdentifier { Identifiers = [.. list.Take(4)] });

    public static Gen<SubjectIdentifier> Complex() =>
        Gen.SubListOf(ComplexNames)
            .Where(names => names.Count > 0)
            .SelectMany(names => Gen.CollectToArray(names, _ => Gen.OneOf(Simple(), Aliases())).Select(values => (SubjectIdentifier)ToComplex([.. names], values)));

    public static Gen<SubjectIdentifier> Unknown() =>
        from format in StringOf(Lower + "_-", 1, 10).Select(name => "x-" + name)
        from members in Gen.ListOf(Gen.Zip(StringOf(Alnum + "_", 1, 8), JsonValue()))
        select (SubjectIdentifier)new UnknownSubjectIdentifier(format, ToObject(members));

    private static Gen<string> StringOf(string alphabet, int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(Gen.Elements(alphabet.ToCharArray()), n)).Select(chars => new string(chars));

    /// <summary>Non-empty text with control, non-ASCII and astral characters, but no unpaired surrogates.</summary>
    private static Gen<string> Text()
    {
        var single = Gen.Frequency(
            (6, Gen.Choose(0x20, 0x7E)),
            (1, Gen.Choose(0x00, 0x1F)),
            (2, Gen.Choose(0xA0, 0xD7FF)),
            (1, Gen.Choose(0xE000, 0xFFFD))).Select(c => ((char)c).ToString());
        var piece = Gen.Frequency((9, single), (1, Gen.Elements("😀", "𝄞")));
        return Gen.Choose(1, 12).SelectMany(n => Gen.ArrayOf(piece, n)).Select(string.Concat);
    }

    private static Gen<string> DigitWithSeparator() =>
        from separator in Gen.Frequency((8, Gen.Constant("")), (1, Gen.Elements(" ", "-", ".")))
        from digit in Gen.Elements(Digits.ToCharArray())
        select separator + digit;

    private static Gen<JsonNode?> JsonValue() => Gen.OneOf(
        Text().Select(s => (JsonNode?)s),
        Gen.Choose(-1000, 1000).Select(i => (JsonNode?)i),
        Gen.Elements<JsonNode?>(true, false, null),
        Text().Select(s => (JsonNode?)new JsonObject { ["nested"] = s, ["list"] = new JsonArray(1, "two", null) }));

    private static System.Text.Json.JsonElement ToObject(IEnumerable<(string Name, JsonNode? Value)> members)
    {
        var node = new JsonObject();
        foreach (var (name, value) in members)
        {
            node[name] = value?.DeepClone();
        }

        return SubjectJson.Element(node.ToJsonString());
    }

    private static ComplexSubjectIdentifier ToComplex(List<string> names, SubjectIdentifier[] values)
    {
        var members = new Dictionary<string, SubjectIdentifier>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            members[names[i]] = values[i];
        }

        return new ComplexSubjectIdentifier { Members = members };
    }
}
