using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Interop;

/// <summary>
/// Each part of a JWE jose made for a key held here, altered: what authenticated encryption catches is refused with
/// <c>invalid_key</c> (a wrong key and a forgery look alike); a header refused before any decryption gets <c>invalid_request</c>.
/// </summary>
public partial class JoseJweInteropTests
{
    private enum Part
    {
        Header = 0,
        EncryptedKey = 1,
        Iv = 2,
        Ciphertext = 3,
        Tag = 4,
    }

    [TestCaseSource(typeof(JweRecipient), nameof(JweRecipient.Pairs))]
    public async Task ValidateTokenAsync_JoseJweWithCiphertextBitFlipped_InvalidKeySET14(string recipient, string enc) =>
        await ExpectRefusedAsync(Alter(recipient, enc, Part.Ciphertext, FlipMiddleBit), recipient, SecurityEventErrorCodes.InvalidKey);

    [TestCaseSource(typeof(JweRecipient), nameof(JweRecipient.Pairs))]
    public async Task ValidateTokenAsync_JoseJweWithTagBitFlipped_InvalidKeySET14(string recipient, string enc) =>
        await ExpectRefusedAsync(Alter(recipient, enc, Part.Tag, FlipMiddleBit), recipient, SecurityEventErrorCodes.InvalidKey);

    [TestCaseSource(typeof(JweRecipient), nameof(JweRecipient.Pairs))]
    public async Task ValidateTokenAsync_JoseJweWithTagTruncated_InvalidKeySET14(string recipient, string enc) =>
        await ExpectRefusedAsync(Alter(recipient, enc, Part.Tag, tag => tag[..^1]), recipient, SecurityEventErrorCodes.InvalidKey);

    [TestCaseSource(typeof(JweRecipient), nameof(JweRecipient.Pairs))]
    public async Task ValidateTokenAsync_JoseJweWithIvBitFlipped_InvalidKeySET14(string recipient, string enc) =>
        await ExpectRefusedAsync(Alter(recipient, enc, Part.Iv, FlipMiddleBit), recipient, SecurityEventErrorCodes.InvalidKey);

    [TestCaseSource(typeof(JweRecipient), nameof(JweRecipient.Pairs))]
    public async Task ValidateTokenAsync_JoseJweWithEncryptedKeyBitFlipped_InvalidKeySET14(string recipient, string enc) =>
        await ExpectRefusedAsync(Alter(recipient, enc, Part.EncryptedKey, FlipMiddleBit), recipient, SecurityEventErrorCodes.InvalidKey);

    [TestCaseSource(typeof(JweRecipient), nameof(JweRecipient.Pairs))]
    public async Task ValidateTokenAsync_JoseJweWithEncryptedKeyRemoved_InvalidKeySET14(string recipient, string enc) =>
        await ExpectRefusedAsync(Alter(recipient, enc, Part.EncryptedKey, _ => []), recipient, SecurityEventErrorCodes.InvalidKey);

    [TestCaseSource(typeof(JweRecipient), nameof(JweRecipient.Pairs))]
    public async Task ValidateTokenAsync_JoseJweWithEncChangedInHeader_InvalidKeySET14(string recipient, string enc)
    {
        // Same content key length where one exists (A256GCM and A128CBC-HS256 both take 32 octets), so the swap gets past key recovery.
        var other = enc switch
        {
            SecurityEventEncryptionAlgorithms.A256Gcm => SecurityEventEncryptionAlgorithms.A128CbcHs256,
            SecurityEventEncryptionAlgorithms.A128CbcHs256 => SecurityEventEncryptionAlgorithms.A256Gcm,
            SecurityEventEncryptionAlgorithms.A128Gcm => SecurityEventEncryptionAlgorithms.A256Gcm,
            _ => SecurityEventEncryptionAlgorithms.A128CbcHs256,
        };

        await ExpectRefusedAsync(AlterHeader(recipient, enc, header => header["enc"] = other), recipient, SecurityEventErrorCodes.InvalidKey);
    }

    [TestCaseSource(typeof(JweRecipient), nameof(JweRecipient.Pairs))]
    public async Task ValidateTokenAsync_JoseJweWithMemberAddedToHeader_InvalidKeySET14(string recipient, string enc) =>
        await ExpectRefusedAsync(AlterHeader(recipient, enc, header => header["note"] = "added"), recipient, SecurityEventErrorCodes.InvalidKey);

    [TestCaseSource(typeof(JweRecipient), nameof(JweRecipient.Pairs))]
    public async Task ValidateTokenAsync_JoseJweWithHeaderNoLongerJson_InvalidRequestSET14(string recipient, string enc) =>
        await ExpectRefusedAsync(Alter(recipient, enc, Part.Header, header => header[..^1]), recipient, SecurityEventErrorCodes.InvalidRequest);

    [TestCaseSource(typeof(JweRecipient), nameof(JweRecipient.Pairs))]
    public async Task ValidateTokenAsync_JoseJweWithCtyRemovedFromHeader_InvalidRequestSET14(string recipient, string enc) =>
        await ExpectRefusedAsync(AlterHeader(recipient, enc, header => header.Remove("cty")), recipient, SecurityEventErrorCodes.InvalidRequest);

    [TestCaseSource(typeof(JweRecipient), nameof(JweRecipient.Pairs))]
    public async Task ValidateTokenAsync_JoseJweWithZipAddedToHeader_InvalidRequestSET14(string recipient, string enc) =>
        await ExpectRefusedAsync(AlterHeader(recipient, enc, header => header["zip"] = "DEF"), recipient, SecurityEventErrorCodes.InvalidRequest);

    [TestCaseSource(typeof(JweRecipient), nameof(JweRecipient.KeyAgreementPairs))]
    public async Task ValidateTokenAsync_JoseJweWithEpkXBitFlipped_InvalidKeySET14(string recipient, string enc) =>
        await ExpectRefusedAsync(AlterHeader(recipient, enc, header => header["epk"]!["x"] = FlipLastBit(header["epk"]!["x"]!)), recipient, SecurityEventErrorCodes.InvalidKey);

    [TestCaseSource(typeof(JweRecipient), nameof(JweRecipient.KeyAgreementPairs))]
    public async Task ValidateTokenAsync_JoseJweWithEpkYBitFlipped_InvalidKeySET14(string recipient, string enc) =>
        await ExpectRefusedAsync(AlterHeader(recipient, enc, header => header["epk"]!["y"] = FlipLastBit(header["epk"]!["y"]!)), recipient, SecurityEventErrorCodes.InvalidKey);

    [TestCaseSource(typeof(JweRecipient), nameof(JweRecipient.KeyAgreementPairs))]
    public async Task ValidateTokenAsync_JoseJweWithEpkSwappedForAnotherPointOnTheCurve_InvalidKeySET14(string recipient, string enc)
    {
        var curve = JweRecipient.Named(recipient).Curve == "P-256" ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384;
        using var other = ECDiffieHellman.Create(curve);
        var point = other.ExportParameters(false).Q;

        await ExpectRefusedAsync(
            AlterHeader(recipient, enc, header => (header["epk"]!["x"], header["epk"]!["y"]) = (Base64Url.EncodeToString(point.X), Base64Url.EncodeToString(point.Y))),
            recipient,
            SecurityEventErrorCodes.InvalidKey);
    }

    [TestCaseSource(typeof(JweRecipient), nameof(JweRecipient.KeyAgreementPairs))]
    public async Task ValidateTokenAsync_JoseJweWithEpkOnTheOtherCurve_InvalidKeySET14(string recipient, string enc)
    {
        var (curve, name) = JweRecipient.Named(recipient).Curve == "P-256" ? (ECCurve.NamedCurves.nistP384, "P-384") : (ECCurve.NamedCurves.nistP256, "P-256");
        using var other = ECDiffieHellman.Create(curve);
        var point = other.ExportParameters(false).Q;

        await ExpectRefusedAsync(
            AlterHeader(recipient, enc, header => header["epk"] = new JsonObject
            {
                ["kty"] = "EC", ["crv"] = name, ["x"] = Base64Url.EncodeToString(point.X), ["y"] = Base64Url.EncodeToString(point.Y),
            }),
            recipient,
            SecurityEventErrorCodes.InvalidKey);
    }

    [TestCaseSource(typeof(JweRecipient), nameof(JweRecipient.Pairs))]
    public async Task ValidateTokenAsync_JoseJweUnaltered_ValidSET14(string recipient, string enc)
    {
        // The baseline for every alteration above: the same token, decoded and re-encoded part by part, is accepted.
        var result = await Some.Handler().ValidateTokenAsync(Alter(recipient, enc, Part.Ciphertext, bytes => bytes), Parameters(JweRecipient.Named(recipient).OurKey));

        result.Error.Should().BeNull();
    }

    private static async Task ExpectRefusedAsync(string jwe, string recipient, string code)
    {
        var result = await Some.Handler().ValidateTokenAsync(jwe, Parameters(JweRecipient.Named(recipient).OurKey));

        result.Error.Should().NotBeNull();
        result.Error!.Code.Should().Be(code, result.Error.Description);
        result.DecryptionKey.Should().BeNull();
    }

    private static byte[] FlipMiddleBit(byte[] bytes)
    {
        var altered = (byte[])bytes.Clone();
        altered[altered.Length / 2] ^= 0x01;
        return altered;
    }

    private static string FlipLastBit(JsonNode coordinate)
    {
        var bytes = Base64Url.DecodeFromChars(coordinate.GetValue<string>());
        bytes[^1] ^= 0x01;
        return Base64Url.EncodeToString(bytes);
    }

    private string Alter(string recipient, string enc, Part part, Func<byte[], byte[]> change)
    {
        var parts = _joseJwes[(recipient, enc, ToOurs)].Split('.');
        parts[(int)part] = Base64Url.EncodeToString(change(Base64Url.DecodeFromChars(parts[(int)part])));
        return string.Join('.', parts);
    }

    private string AlterHeader(string recipient, string enc, Action<JsonObject> change) =>
        Alter(recipient, enc, Part.Header, utf8 =>
        {
            var header = JsonNode.Parse(utf8)!.AsObject();
            change(header);
            return Encoding.UTF8.GetBytes(header.ToJsonString());
        });
}
