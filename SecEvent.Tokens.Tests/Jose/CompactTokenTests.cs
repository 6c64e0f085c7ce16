using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Jose;

/// <summary>
/// The compact serialization rules (RFC 7515 §7.1, §2): three base64url parts, nothing else. Driven through
/// <see cref="SecurityEventTokenHandler.ValidateTokenAsync"/> with an otherwise valid, correctly signed token, so the
/// form is the only reason for a refusal. Every case must return a result, never throw.
/// </summary>
public class CompactTokenTests
{
    private static readonly string Valid = Some.Hs256();

    private static string HeaderPart => RawToken.Split(Valid).Header;

    private static string PayloadPart => RawToken.Split(Valid).Payload;

    private static string SignaturePart => RawToken.Split(Valid).Signature;

    [Test]
    public async Task ValidateTokenAsync_ValidHandBuiltToken_Accepted()
    {
        // The control for every refusal below: the same token, untouched, is accepted.
        (await Some.ValidateAsync(Valid)).ShouldBeAccepted();
    }

    [Test]
    public async Task ValidateTokenAsync_NullToken_InvalidRequest()
    {
        (await Some.ValidateAsync(null!)).ShouldBeInvalidRequest();
    }

    [Test]
    public async Task ValidateTokenAsync_EmptyToken_InvalidRequest()
    {
        (await Some.ValidateAsync(string.Empty)).ShouldBeInvalidRequest();
    }

    [Test]
    public async Task ValidateTokenAsync_LongerThanMaximumTokenSize_InvalidRequest()
    {
        var error = (await Some.ValidateAsync(Valid, p => p.MaximumTokenSize = Valid.Length - 1)).ShouldBeInvalidRequest();

        error.Description.Should().Contain((Valid.Length - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Test]
    public async Task ValidateTokenAsync_ExactlyMaximumTokenSize_Accepted()
    {
        (await Some.ValidateAsync(Valid, p => p.MaximumTokenSize = Valid.Length)).ShouldBeAccepted();
    }

    [Test]
    [MaxTime(30_000)] // a guard against runaway parsing, not a speed target
    public async Task ValidateTokenAsync_HugeInputOverDefaultLimit_InvalidRequestWithoutParsing()
    {
        // 4 MiB of one base64url character: refused by length before anything is decoded.
        var huge = new string('A', 4 * 1024 * 1024);

        var error = (await Some.ValidateAsync(huge)).ShouldBeInvalidRequest();

        error.Description.Should().Contain("longer than");
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(3)]
    [TestCase(5)]
    [TestCase(6)]
    public async Task ValidateTokenAsync_WrongNumberOfDots_InvalidRequest(int dots)
    {
        var token = dots switch
        {
            0 => HeaderPart + PayloadPart + SignaturePart,
            1 => $"{HeaderPart}.{PayloadPart}",
            _ => Valid + string.Concat(Enumerable.Repeat(".AAAA", dots - 2)),
        };

        var error = (await Some.ValidateAsync(token)).ShouldBeInvalidRequest();

        error.Description.Should().Contain("three dot-separated parts");
    }

    [Test]
    public async Task ValidateTokenAsync_FourDotsJweNotNested_InvalidRequestNamingCty()
    {
        // Five parts make a JWE, read as one; an encrypted SET must say it holds a JWT.
        var jwe = $"{RawToken.Encode("""{"alg":"RSA-OAEP","enc":"A256GCM"}""")}.AAAA.AAAA.AAAA.AAAA";

        var error = (await Some.ValidateAsync(jwe)).ShouldBeInvalidRequest();

        error.Description.Should().Contain("'cty'");
    }

    [Test]
    public async Task ValidateTokenAsync_FourDotsJweWithoutDecryptionKeys_InvalidKey()
    {
        var jwe = $"{RawToken.Encode("""{"alg":"RSA-OAEP","enc":"A256GCM","cty":"JWT"}""")}.AAAA.AAAA.AAAA.AAAA";

        var error = (await Some.ValidateAsync(jwe)).ShouldBeInvalidKey();

        error.Description.Should().Contain("no decryption key");
    }

    [Test]
    public async Task ValidateTokenAsync_OnlyDots_InvalidRequest()
    {
        (await Some.ValidateAsync("..")).ShouldBeInvalidRequest();
    }

    [Test]
    public async Task ValidateTokenAsync_EmptyHeaderPart_InvalidRequest()
    {
        (await Some.ValidateAsync($".{PayloadPart}.{SignaturePart}")).ShouldBeInvalidRequest();
    }

    [Test]
    public async Task ValidateTokenAsync_EmptyPayloadPart_InvalidRequest()
    {
        (await Some.ValidateAsync(RawToken.SignEncoded(HeaderPart, string.Empty, Some.HmacKey))).ShouldBeInvalidRequest();
    }

    [TestCase("header")]
    [TestCase("payload")]
    [TestCase("signature")]
    public async Task ValidateTokenAsync_PaddingCharacter_InvalidRequest(string part)
    {
        // RFC 7515 §2: base64url without padding. The decoder would skip '=', so it must be refused before decoding.
        var token = part switch
        {
            "header" => RawToken.SignEncoded(HeaderPart + "=", PayloadPart, Some.HmacKey),
            "payload" => RawToken.SignEncoded(HeaderPart, PayloadPart + "==", Some.HmacKey),
            _ => $"{HeaderPart}.{PayloadPart}.{SignaturePart}=",
        };

        (await Some.ValidateAsync(token)).ShouldBeInvalidRequest();
    }

    [TestCase(" ")]
    [TestCase("\n")]
    [TestCase("\t")]
    [TestCase("\r\n")]
    public async Task ValidateTokenAsync_WhiteSpaceInsidePayload_InvalidRequest(string space)
    {
        var payload = PayloadPart[..8] + space + PayloadPart[8..];

        (await Some.ValidateAsync(RawToken.SignEncoded(HeaderPart, payload, Some.HmacKey))).ShouldBeInvalidRequest();
    }

    [TestCase(" ", "")]
    [TestCase("", "\n")]
    [TestCase("", " ")]
    public async Task ValidateTokenAsync_WhiteSpaceAroundToken_InvalidRequest(string before, string after)
    {
        (await Some.ValidateAsync(before + Valid + after)).ShouldBeInvalidRequest();
    }

    [TestCase('+')]
    [TestCase('/')]
    public async Task ValidateTokenAsync_StandardBase64Character_InvalidRequest(char character)
    {
        // '+' and '/' belong to base64, not base64url (RFC 4648 §5).
        var payload = PayloadPart[..4] + character + PayloadPart[5..];

        (await Some.ValidateAsync(RawToken.SignEncoded(HeaderPart, payload, Some.HmacKey))).ShouldBeInvalidRequest();
    }

    [TestCase('+')]
    [TestCase('/')]
    public async Task ValidateTokenAsync_StandardBase64CharacterInSignature_InvalidRequest(char character)
    {
        var signature = character + SignaturePart[1..];

        (await Some.ValidateAsync($"{HeaderPart}.{PayloadPart}.{signature}")).ShouldBeInvalidRequest();
    }

    [TestCase("*")]
    [TestCase("%7B")]
    [TestCase("é")]
    [TestCase("\0")]
    public async Task ValidateTokenAsync_HeaderNotBase64Url_InvalidRequest(string junk)
    {
        (await Some.ValidateAsync(RawToken.SignEncoded(junk + HeaderPart, PayloadPart, Some.HmacKey))).ShouldBeInvalidRequest();
    }

    [Test]
    public async Task ValidateTokenAsync_PayloadLengthImpossibleForBase64_InvalidRequest()
    {
        // A base64url string never has a length of 4n + 1.
        var payload = PayloadPart.Length % 4 == 0 ? PayloadPart + "A" : PayloadPart[..^(PayloadPart.Length % 4)] + "A";

        (await Some.ValidateAsync(RawToken.SignEncoded(HeaderPart, payload, Some.HmacKey))).ShouldBeInvalidRequest();
    }

    [TestCase("header")]
    [TestCase("payload")]
    [TestCase("signature")]
    public async Task ValidateTokenAsync_NonCanonicalLastCharacter_InvalidRequestWithoutThrowing(string part)
    {
        // Only base64url characters and a possible length: the alphabet and length checks pass, the decoder throws.
        var header = RawToken.Encode(WithUnusedBits(Some.Header()));
        var payload = RawToken.Encode(WithUnusedBits(Some.Payload()));
        var token = part switch
        {
            "header" => RawToken.SignEncoded(RawToken.WithNonZeroTrailingBits(header), payload, Some.HmacKey),
            "payload" => RawToken.SignEncoded(header, RawToken.WithNonZeroTrailingBits(payload), Some.HmacKey),
            _ => $"{HeaderPart}.{PayloadPart}.{RawToken.WithNonZeroTrailingBits(SignaturePart)}",
        };

        var validate = async () => await Some.ValidateAsync(token);

        (await validate.Should().NotThrowAsync()).Subject.ShouldBeInvalidRequest();
    }

    [Test]
    public async Task ValidateTokenAsync_HeaderOfOneCharacter_InvalidRequest()
    {
        (await Some.ValidateAsync(RawToken.SignEncoded("e", PayloadPart, Some.HmacKey))).ShouldBeInvalidRequest();
    }

    // Trailing JSON white space until the byte count is 3n + 1, so the encoding ends in a character with unused bits.
    private static string WithUnusedBits(string asciiJson) => asciiJson + new string(' ', ((3 - (asciiJson.Length % 3)) % 3) + 1);
}
