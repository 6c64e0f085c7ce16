using System.Security.Cryptography;

namespace SecEvent.Tokens.Encryption;

/// <summary>An ECDH key on a named curve, with the curve it is on and the curve's JOSE name.</summary>
internal sealed record EcKey(ECDiffieHellman Key, ECCurve Curve, string CurveName);
