using System.Globalization;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using NUnit.Framework;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Handler;

/// <summary><see cref="SecurityEventTokenHandler"/>: properties checked over generated tokens (FsCheck).</summary>
public partial class SecurityEventTokenHandlerTests
{
    private static readonly string[] ReservedOrJudgedClaims =
        ["iss", "iat", "jti", "aud", "events", "txn", "toe", "sub_id", "sub", "exp", "nbf", "sid", "nonce"];

    private static readonly string[] TrickyStrings =
        ["\"", "\\", "\\u0041", "\\ud800", "\0", "\u001f", "\u2028", "é", "\U0001F600", "+/=", "secevent+jwt", "</script>", "iss", " ", "a.b.c"];

    [Test]
    public void CreateToken_ValidateFromTokenCreateValidate_PayloadUnchanged()
    {
        var property = Prop.ForAll(RoundTripCases().ToArbitrary(), RoundTrip);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300).WithQuietOnSuccess(true), property);
    }

    [Test]
    public void ValidateTokenAsync_ArbitraryStrings_NeverThrowsNeverAccepts()
    {
        var alphabet = Gen.Elements("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ".ToCharArray());
        var compactLooking = alphabet.ArrayOf().Select(chars => new string(chars));
        var anyText = ArbMap.Default.GeneratorFor<string>().Where(s => s is not null);
        var tokens = Gen.OneOf(compactLooking, anyText);
        var property = Prop.ForAll(tokens.ToArbitrary(), token =>
        {
            Some.ValidateAsync(token).AsTask().GetAwaiter().GetResult().IsValid.Should().BeFalse();
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500).WithQuietOnSuccess(true), property);
    }

    [Test]
    public void ValidateTokenAsync_ValidTokenWithOneCharacterChanged_NeverThrowsNeverAccepts()
    {
        var valid = Some.Hs256();
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".ToCharArray();
        var mutations = Gen.Choose(0, valid.Length - 1).SelectMany(_ => Gen.Elements(alphabet), (index, replacement) => (index, replacement))
            .Where(m => valid[m.index] != '.' && valid[m.index] != m.replacement);
        var property = Prop.ForAll(mutations.ToArbitrary(), m =>
        {
            var token = valid[..m.index] + m.replacement + valid[(m.index + 1)..];
            var act = () => Some.ValidateAsync(token).AsTask().GetAwaiter().GetResult();
            act.Should().NotThrow(token).Subject.IsValid.Should().BeFalse(token);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1_000).WithQuietOnSuccess(true), property);
    }

    [Test]
    public void ValidateTokenAsync_ArbitrarySignedClaimsSets_NeverThrow()
    {
        // Correctly signed claims sets built from the claim names the validator reads, with values of every JSON type,
        // judged under each profile.
        var property = Prop.ForAll(ClaimsSets().ToArbitrary(), Gen.Elements(Enum.GetValues<SecurityEventProfile>()).ToArbitrary(), (claims, profile) =>
        {
            var token = Some.Hs256(claims, Some.Header(typ: null));
            var act = () => Some.ValidateAsync(token, p => (p.Profile, p.ValidateAudience, p.ValidAudiences) = (profile, false, [])).AsTask().GetAwaiter().GetResult();
            act.Should().NotThrow(claims);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500).WithQuietOnSuccess(true), property);
    }

    private static void RoundTrip(RoundTripCase c)
    {
        var handler = Some.Handler();
        var parameters = new SecurityEventTokenValidationParameters
        {
            ValidIssuers = [c.Issuer],
            ValidAudiences = [c.Audiences[^1]],
            SigningKeys = [Some.Symmetric(32)],
        };
        var descriptor = new SecurityEventTokenDescriptor
        {
            Issuer = c.Issuer,
            JwtId = c.JwtId,
            Audiences = [.. c.Audiences],
            TransactionId = c.TransactionId,
            TimeOfEvent = new NumericDate(c.TimeOfEvent),
            IssuedAt = new NumericDate(c.IssuedAt),
            Events = [.. c.Events.Select(e => (SecurityEvent)new UnknownSecurityEvent(e.Type, JsonElement.Parse(ObjectJson(e.Members))))],
            SigningCredentials = Some.Credentials("HS256"),
        };
        foreach (var (name, value) in c.Claims)
        {
            descriptor.AdditionalClaims[name] = value;
        }

        var first = handler.ValidateTokenAsync(handler.CreateToken(descriptor), parameters).AsTask().GetAwaiter().GetResult().ShouldBeAccepted();

        first.Issuer.Should().Be(c.Issuer);
        first.JwtId.Should().Be(c.JwtId);
        first.Audiences.Should().Equal(c.Audiences);
        first.TransactionId.Should().Be(c.TransactionId);
        first.IssuedAt.Seconds.Should().Be(c.IssuedAt);
        first.TimeOfEvent!.Value.Seconds.Should().Be(c.TimeOfEvent);
        first.Events.Select(e => e.EventType).Should().Equal(c.Events.Select(e => e.Type));
        foreach (var (name, value) in c.Claims)
        {
            first.TryGetClaim(name, out var claim).Should().BeTrue();
            claim.GetString().Should().Be(value);
        }

        var again = SecurityEventTokenDescriptor.FromToken(first);
        again.SigningCredentials = Some.Credentials("HS256");
        var second = handler.ValidateTokenAsync(handler.CreateToken(again), parameters).AsTask().GetAwaiter().GetResult().ShouldBeAccepted();

        JsonElement.DeepEquals(second.Payload, first.Payload).Should().BeTrue("{0} became {1}", first.Payload.GetRawText(), second.Payload.GetRawText());
        second.Events.Should().Equal(first.Events);
    }

    private static Gen<RoundTripCase> RoundTripCases()
    {
        var text = Gen.Frequency(
                (4, ArbMap.Default.GeneratorFor<string>()),
                (1, Gen.Elements(TrickyStrings)))
            .Where(s => s is not null && IsWellFormedUtf16(s));
        var nonEmpty = text.Where(s => s.Length > 0);
        var date = Gen.Choose(-2_000, 4_000).SelectMany(millions => Gen.Choose(0, 999_999).SelectMany(units => Gen.Choose(0, 999_999),
            (units, micro) => (millions * 1_000_000m) + units + (micro / 1_000_000m)));
        var members = Gen.Choose(0, 3).SelectMany(n => Gen.Zip(text, text).ArrayOf(n))
            .Select(pairs => pairs.DistinctBy(p => p.Item1).ToArray());
        var eventTypes = Gen.Choose(1, 3).SelectMany(n => nonEmpty.Where(s => !s.Any(ch => ch <= ' ' || ch == '\u007f' || char.IsWhiteSpace(ch))).ArrayOf(n))
            .Select(tails => tails.Select((tail, i) => $"urn:example:{i}:{tail}").ToArray());
        var events = eventTypes.SelectMany(types => members.ArrayOf(types.Length),
            (types, payloads) => types.Zip(payloads, (type, payload) => (Type: type, Members: payload)).ToArray());
        var claims = Gen.Choose(0, 3).SelectMany(n => Gen.Zip(nonEmpty.Where(name => !ReservedOrJudgedClaims.Contains(name)), text).ArrayOf(n))
            .Select(pairs => pairs.DistinctBy(p => p.Item1).ToArray());

        return
            from issuer in nonEmpty
            from jti in nonEmpty
            from audiences in Gen.Choose(1, 3).SelectMany(n => text.ArrayOf(n))
            from txn in nonEmpty
            from toe in date
            from iat in date
            from extra in claims
            from evts in events
            select new RoundTripCase(issuer, jti, audiences, txn, toe, iat, extra, evts);
    }

    private static Gen<string> ClaimsSets()
    {
        var names = Gen.Elements("iss", "iat", "jti", "aud", "events", "exp", "nbf", "toe", "txn", "sub", "sub_id", "sid", "nonce", "x");
        var scalar = Gen.Elements(
            "\"https://transmitter.example.com\"", "\"https://receiver.example.com\"", "\"\"", "\"x\"", "0", "-1", "1767225600", "1767225600.5",
            "1e400", "-1e400", "1e-400", "253402300800", "12345678901234567890123456789012345", "true", "false", "null", "\"\\ud800\"");
        var events = Gen.Elements(
            "{\"https://example.com/e\":{}}", "{}", "{\"no uri\":{}}", "{\"urn:x:y\":[]}",
            $"{{\"{SecurityEventTypes.SsfStreamUpdated}\":{{\"status\":5}}}}", $"{{\"{SecurityEventTypes.SsfVerification}\":{{\"state\":{{}}}}}}",
            $"{{\"{SecurityEventTypes.BackChannelLogout}\":{{}}}}");
        var subjects = Gen.Elements(
            "{\"format\":\"opaque\",\"id\":\"s\"}", "{\"format\":\"email\"}", "{\"format\":\"email\",\"email\":5}",
            "{\"format\":\"complex\",\"user\":{\"format\":\"complex\"}}", "{\"format\":\"aliases\",\"identifiers\":[{\"format\":\"aliases\"}]}",
            "{\"subject_type\":\"iss-sub\"}", "{\"format\":\"ip-addresses\",\"ip-addresses\":[\"010.0.0.1\"]}", "{\"format\":\"x\",\"a\":null}");
        var value = Gen.Frequency((6, scalar), (2, events), (2, subjects), (1, scalar.ArrayOf().Select(items => $"[{string.Join(",", items)}]")));
        return Gen.Choose(0, 10)
            .SelectMany(n => Gen.Zip(names, value).ArrayOf(n))
            .Select(pairs => "{" + string.Join(",", pairs.DistinctBy(p => p.Item1).Select(p => $"\"{p.Item1}\":{p.Item2}")) + "}");
    }

    private static string ObjectJson((string Name, string Value)[] members)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in members)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static bool IsWellFormedUtf16(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One generated descriptor; printed as JSON so a counterexample can be read and replayed.</summary>
    public sealed record RoundTripCase(
        string Issuer,
        string JwtId,
        string[] Audiences,
        string TransactionId,
        decimal TimeOfEvent,
        decimal IssuedAt,
        (string Name, string Value)[] Claims,
        (string Type, (string Name, string Value)[] Members)[] Events)
    {
        public override string ToString() => JsonSerializer.Serialize(new
        {
            Issuer,
            JwtId,
            Audiences,
            TransactionId,
            TimeOfEvent = TimeOfEvent.ToString(CultureInfo.InvariantCulture),
            IssuedAt = IssuedAt.ToString(CultureInfo.InvariantCulture),
            Claims = Claims.Select(c => new[] { c.Name, c.Value }),
            Events = Events.Select(e => new { e.Type, Members = e.Members.Select(m => new[] { m.Name, m.Value }) }),
        });
    }
}
