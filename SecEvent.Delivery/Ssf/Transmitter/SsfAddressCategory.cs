namespace SecEvent.Delivery.Ssf;

/// <summary>What kind of address an IP address is, for <see cref="SsfEndpointUrlGuard"/>.</summary>
internal enum SsfAddressCategory
{
    /// <summary>Globally routable.</summary>
    Public,

    /// <summary><c>0.0.0.0/8</c> or <c>::</c>: many stacks connect these to the local machine.</summary>
    Unspecified,

    /// <summary><c>127.0.0.0/8</c> or <c>::1</c>.</summary>
    Loopback,

    /// <summary>RFC 1918, RFC 6598 shared space, <c>fc00::/7</c>, <c>fec0::/10</c>.</summary>
    Private,

    /// <summary><c>169.254.0.0/16</c> or <c>fe80::/10</c>.</summary>
    LinkLocal,

    /// <summary>A cloud instance metadata service address.</summary>
    CloudMetadata,

    /// <summary><c>224.0.0.0/4</c> or <c>ff00::/8</c>.</summary>
    Multicast,

    /// <summary><c>255.255.255.255</c>.</summary>
    Broadcast,

    /// <summary>Documentation and benchmarking ranges, never in use on the internet.</summary>
    Documentation,

    /// <summary>Reserved or special-purpose ranges with no public unicast use.</summary>
    Reserved,
}
