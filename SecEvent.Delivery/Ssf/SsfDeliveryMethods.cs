namespace SecEvent.Delivery.Ssf;

/// <summary>The delivery method URNs of a stream's <c>delivery.method</c> (OpenID SSF 1.0 §6.1).</summary>
public static class SsfDeliveryMethods
{
    /// <summary>
    /// Push delivery (RFC 8935, SSF 1.0 §6.1.1): the receiver supplies <c>endpoint_url</c> and, when the endpoint needs
    /// it, <c>authorization_header</c>, which the transmitter MUST send on every push.
    /// </summary>
    public const string Push = "urn:ietf:rfc:8935";

    /// <summary>
    /// Poll delivery (RFC 8936, SSF 1.0 §6.1.2): the transmitter supplies <c>endpoint_url</c>. A create request without
    /// <c>delivery</c> asks for poll (SSF 1.0 §8.1.1.1).
    /// </summary>
    public const string Poll = "urn:ietf:rfc:8936";
}
