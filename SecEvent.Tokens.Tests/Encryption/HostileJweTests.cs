using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using Microsoft.IdentityModel.Tokens;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Encryption;

/// <summary>Random and hostile five-part tokens: always a typed refusal, never an exception.</summary>
public class HostileJweTests
{
    private static readonly string[] Headers =
    [
        "{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"cty\":\"JWT\"}",
        "{\"alg\":\"RSA-OAEP\",\"enc\":\"A128CBC-HS256\",\"cty\":\"JWT\"}",
        "{\"alg\":\"dir\",\"enc\":\"A256CBC-HS512\",\"cty\":\"JWT\"}",
        "{\"alg\":\"dir\",\"enc\":\"A128GCM\",\"cty\":\"JWT\"}",
        "{\"alg\":\"ECDH-ES+A256KW\",\"enc\":\"A256GCM\",\"cty\":\"JWT\",\"epk\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + Zeros(32) + "\",\"y\":\"" + Zeros(32) + "\"}}",
        "{\"alg\":\"ECDH-ES+A256KW\",\"enc\":\"A256GCM\",\"cty\":\"JWT\",\"epk\":{\"kty\":\"EC\",\"crv\":\"P-384\",\"x\":\"" + Zeros(48) + "\",\"y\":\"" + Zeros(48) + "\"}}",
        "{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"cty\":\"JWT\",\"apu\":\"\",\"kid\":\"enc-rsa\"}",
        "[]",
        "{\"alg\":1}",
    ];

    [Test]
    public async Task ValidateTokenAsync_RandomPartsUnderEveryHeader_RefusedWithoutException()
    {
        var random = new Random(8417);
        var keys = new SecurityKey[]
        {
            EncryptionKeys.RsaPrivate, EncryptionKeys.EcPrivate(), EncryptionKeys.EcPrivate("P-384"),
            new SymmetricSecurityKey(new byte[64]), new SymmetricSecurityKey(new byte[16]),
        };
        var parameters = Some.HmacParameters(p => p.DecryptionKeys = keys);
        var handler = Some.Handler();

        for (var i = 0; i < 400; i++)
        {
            var header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Headers[i % Headers.Length]));
            var token = string.Join('.', header, Part(random, 0, 300), Part(random, 0, 20), Part(random, 0, 200), Part(random, 0, 40));

            var result = await handler.ValidateTokenAsync(token, parameters);

            result.IsValid.Should().BeFalse();
            result.Error!.Code.Should().BeOneOf(SecurityEventErrorCodes.InvalidRequest, SecurityEventErrorCodes.InvalidKey);
        }
    }

    private static string Part(Random random, int min, int max)
    {
        var bytes = new byte[random.Next(min, max)];
        random.NextBytes(bytes);
        return Base64Url.EncodeToString(bytes);
    }

    private static string Zeros(int bytes) => Base64Url.EncodeToString(new byte[bytes]);
}
