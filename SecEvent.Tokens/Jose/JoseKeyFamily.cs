namespace SecEvent.Tokens.Jose;

/// <summary>The kind of key a JWS algorithm needs.</summary>
internal enum JoseKeyFamily
{
    Rsa,
    EllipticCurve,
    Symmetric,
}
