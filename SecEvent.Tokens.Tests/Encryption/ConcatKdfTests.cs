using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Encryption;

namespace SecEvent.Tokens.Tests.Encryption;

public class ConcatKdfTests
{
    [Test]
    public void Derive_Rfc7518AppendixC_MatchesSpec()
    {
        // RFC 7518 Appendix C: Alice's ephemeral key, Bob's key, apu "Alice", apv "Bob", A128GCM.
        using var alice = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.DecodeFromChars("gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0"), Y = Base64Url.DecodeFromChars("SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps") },
            D = Base64Url.DecodeFromChars("0_NxaRPUMQoAJt50Gz8YiTr8gRTwyEaCumd-MToTmIo"),
        });
        using var bob = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.DecodeFromChars("weNJy2HscCSM6AEDTDg04biOvhFhyyWvOHQfeF_PxMQ"), Y = Base64Url.DecodeFromChars("e8lnCO-AlStT-NJVX-crhB7QRYhiix03illJOVAOyck") },
        });
        var z = alice.DeriveRawSecretAgreement(bob.PublicKey);

        var key = ConcatKdf.Derive(z, "A128GCM", Encoding.ASCII.GetBytes("Alice"), Encoding.ASCII.GetBytes("Bob"), keyBytes: 16);

        Base64Url.EncodeToString(key).Should().Be("VqqN6vgjbSBcIijNcacQGg");
    }

    [Test]
    public void Derive_LongerThanOneHash_SecondBlockFromCounterTwo()
    {
        var z = RandomNumberGenerator.GetBytes(32);

        var key = ConcatKdf.Derive(z, "A256CBC-HS512", [], [], keyBytes: 64);

        // K(2) = SHA-256(be32(2) || Z || OtherInfo), where OtherInfo ends in keydatalen = 512.
        var otherInfo = new byte[] { 0, 0, 0, 13 }.Concat(Encoding.ASCII.GetBytes("A256CBC-HS512")).Concat(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0 });
        var second = SHA256.HashData([0, 0, 0, 2, .. z, .. otherInfo]);
        key[32..].Should().Equal(second);
    }
}
