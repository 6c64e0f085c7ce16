using System.Net;
using System.Net.Sockets;

namespace SecEvent.Delivery.Ssf;

public static partial class SsfEndpointUrlGuard
{
    /// <summary>Whether <paramref name="address"/> may be connected to under <paramref name="policy"/>.</summary>
    /// <param name="address">The address, IPv4 or IPv6; IPv6 forms that embed an IPv4 address are judged by that address.</param>
    /// <param name="policy">What the operator admits beyond public unicast addresses.</param>
    /// <returns><see langword="true"/> for a public unicast address, or one in a category the policy admits.</returns>
    /// <remarks>
    /// Refused unless admitted: loopback, private (RFC 1918, RFC 6598, <c>fc00::/7</c>) and link-local addresses.
    /// Always refused: unspecified (<c>0.0.0.0/8</c>, <c>::</c>), cloud metadata (<c>169.254.169.254</c>,
    /// <c>fd00:ec2::254</c>, <c>100.100.100.200</c>), multicast, broadcast, reserved (<c>240.0.0.0/4</c> and IPv6
    /// outside <c>2000::/3</c>) and documentation or benchmarking ranges. IPv4-mapped (<c>::ffff:a.b.c.d</c>),
    /// IPv4-compatible (<c>::a.b.c.d</c>), NAT64 (<c>64:ff9b::/96</c>) and 6to4 (<c>2002::/16</c>) addresses are judged
    /// by the IPv4 address inside them, because that is where a packet to them can end up.
    /// </remarks>
    public static bool IsAllowed(IPAddress address, SsfEndpointUrlPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(policy);
        return IsAllowed(Classify(address), policy);
    }

    internal static bool IsAllowed(SsfAddressCategory category, SsfEndpointUrlPolicy policy) => category switch
    {
        SsfAddressCategory.Public => true,
        SsfAddressCategory.Loopback => policy.AllowLoopback,
        SsfAddressCategory.Private => policy.AllowPrivateNetworks,
        SsfAddressCategory.LinkLocal => policy.AllowLinkLocal,
        _ => false,
    };

    internal static SsfAddressCategory Classify(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            return SsfAddressCategory.Reserved;
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork when written == 4 => ClassifyV4(bytes[..4]),
            AddressFamily.InterNetworkV6 when written == 16 => ClassifyV6(bytes),
            _ => SsfAddressCategory.Reserved,
        };
    }

    internal static string Describe(SsfAddressCategory category) => category switch
    {
        SsfAddressCategory.Unspecified => "unspecified",
        SsfAddressCategory.Loopback => "loopback",
        SsfAddressCategory.Private => "private",
        SsfAddressCategory.LinkLocal => "link-local",
        SsfAddressCategory.CloudMetadata => "cloud metadata",
        SsfAddressCategory.Multicast => "multicast",
        SsfAddressCategory.Broadcast => "broadcast",
        SsfAddressCategory.Documentation => "documentation",
        SsfAddressCategory.Public => "public",
        _ => "reserved",
    };

    private static SsfAddressCategory ClassifyV4(ReadOnlySpan<byte> b) => (b[0], b[1], b[2], b[3]) switch
    {
        (0, _, _, _) => SsfAddressCategory.Unspecified,
        (10, _, _, _) => SsfAddressCategory.Private,
        (100, 100, 100, 200) => SsfAddressCategory.CloudMetadata,
        (100, >= 64 and <= 127, _, _) => SsfAddressCategory.Private,
        (127, _, _, _) => SsfAddressCategory.Loopback,
        (169, 254, 169, 254) => SsfAddressCategory.CloudMetadata,
        (169, 254, _, _) => SsfAddressCategory.LinkLocal,
        (172, >= 16 and <= 31, _, _) => SsfAddressCategory.Private,
        (192, 0, 0, _) => SsfAddressCategory.Reserved,
        (192, 0, 2, _) => SsfAddressCategory.Documentation,
        (192, 88, 99, _) => SsfAddressCategory.Reserved,
        (192, 168, _, _) => SsfAddressCategory.Private,
        (198, 18 or 19, _, _) => SsfAddressCategory.Documentation,
        (198, 51, 100, _) => SsfAddressCategory.Documentation,
        (203, 0, 113, _) => SsfAddressCategory.Documentation,
        (>= 224 and <= 239, _, _, _) => SsfAddressCategory.Multicast,
        (255, 255, 255, 255) => SsfAddressCategory.Broadcast,
        (>= 240, _, _, _) => SsfAddressCategory.Reserved,
        _ => SsfAddressCategory.Public,
    };

    private static SsfAddressCategory ClassifyV6(ReadOnlySpan<byte> b)
    {
        var head = b[..12];
        if (head.IndexOfAnyExcept((byte)0) < 0)
        {
            // ::, ::1, then the deprecated IPv4-compatible form ::a.b.c.d, which some stacks still route as IPv4.
            var tail = b[12..];
            return tail.IndexOfAnyExcept((byte)0) < 0 ? SsfAddressCategory.Unspecified
                : tail is [0, 0, 0, 1] ? SsfAddressCategory.Loopback
                : ClassifyV4(tail);
        }

        // ::ffff:a.b.c.d (mapped) and ::ffff:0:a.b.c.d (SIIT translated): a dual-stack socket sends these as IPv4.
        if (b[..8].IndexOfAnyExcept((byte)0) < 0 && ((b[8] == 0 && b[9] == 0 && b[10] == 0xFF && b[11] == 0xFF) || (b[8] == 0xFF && b[9] == 0xFF && b[10] == 0 && b[11] == 0)))
        {
            return ClassifyV4(b[12..]);
        }

        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B)
        {
            // 64:ff9b::/96 is the well-known NAT64 prefix: the gateway connects to the embedded IPv4 address.
            // 64:ff9b:1::/48 is for local NAT64 deployments only.
            return b[4..12].IndexOfAnyExcept((byte)0) < 0 ? ClassifyV4(b[12..]) : SsfAddressCategory.Private;
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            // 6to4: the relay tunnels to the IPv4 address in bits 16–47.
            return ClassifyV4(b[2..6]);
        }

        if (b.SequenceEqual(AwsMetadataV6))
        {
            return SsfAddressCategory.CloudMetadata;
        }

        return (b[0], b[1], b[2], b[3]) switch
        {
            ( >= 0xFC and <= 0xFD, _, _, _) => SsfAddressCategory.Private,
            (0xFE, >= 0x80 and <= 0xBF, _, _) => SsfAddressCategory.LinkLocal,
            (0xFE, >= 0xC0, _, _) => SsfAddressCategory.Private,
            (0xFF, _, _, _) => SsfAddressCategory.Multicast,
            (0x20, 0x01, 0x0D, 0xB8) => SsfAddressCategory.Documentation,
            (0x20, 0x01, 0x00, 0x02) when b[4] == 0 && b[5] == 0 => SsfAddressCategory.Documentation,
            (0x3F, 0xFF, < 0x10, _) => SsfAddressCategory.Documentation,
            // Teredo tunnels to an obfuscated IPv4 address; nothing legitimate pushes over it.
            (0x20, 0x01, 0x00, 0x00) => SsfAddressCategory.Reserved,
            ( >= 0x20 and <= 0x3F, _, _, _) => SsfAddressCategory.Public,
            _ => SsfAddressCategory.Reserved,
        };
    }

    // fd00:ec2::254, the EC2 instance metadata service over IPv6.
    private static ReadOnlySpan<byte> AwsMetadataV6 => [0xFD, 0x00, 0x0E, 0xC2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54];
}
