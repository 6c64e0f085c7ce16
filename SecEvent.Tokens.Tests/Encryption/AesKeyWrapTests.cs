using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Encryption;

namespace SecEvent.Tokens.Tests.Encryption;

public class AesKeyWrapTests
{
    // RFC 3394 §4.6: 256 bits of key data wrapped with a 256-bit KEK.
    private static readonly byte[] Kek = Convert.FromHexString("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F");
    private static readonly byte[] KeyData = Convert.FromHexString("00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F");
    private static readonly byte[] Wrapped = Convert.FromHexString("28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21");

    [Test]
    public void Wrap_Rfc3394Vector_MatchesSpec() => AesKeyWrap.Wrap(Kek, KeyData).Should().Equal(Wrapped);

    [Test]
    public void TryUnwrap_Rfc3394Vector_RecoversKeyData() => AesKeyWrap.TryUnwrap(Kek, Wrapped).Should().Equal(KeyData);

    [TestCase(0)]
    [TestCase(8)]
    [TestCase(39)]
    public void TryUnwrap_AnyFlippedBit_Null(int index)
    {
        var tampered = (byte[])Wrapped.Clone();
        tampered[index] ^= 0x01;

        AesKeyWrap.TryUnwrap(Kek, tampered).Should().BeNull();
    }

    [TestCase(16)]
    [TestCase(20)]
    [TestCase(0)]
    public void TryUnwrap_ImpossibleLength_Null(int length) => AesKeyWrap.TryUnwrap(Kek, new byte[length]).Should().BeNull();
}
