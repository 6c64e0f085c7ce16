using System.Diagnostics.CodeAnalysis;
using Microsoft.IdentityModel.Tokens;

namespace SecEvent.Tokens;

/// <summary>The outcome of validating a Security Event Token: the token, or the error to answer with.</summary>
public sealed class SecurityEventTokenValidationResult
{
    private SecurityEventTokenValidationResult(SecurityEventToken? token, SecurityKey? signingKey, SecurityEventError? error, SecurityKey? decryptionKey = null)
    {
        Token = token;
        SigningKey = signingKey;
        Error = error;
        DecryptionKey = decryptionKey;
    }

    /// <summary>Whether the token was accepted.</summary>
    [MemberNotNullWhen(true, nameof(Token))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Error is null;

    /// <summary>The accepted token; <see langword="null"/> when refused.</summary>
    public SecurityEventToken? Token { get; }

    /// <summary>The key whose signature was verified; <see langword="null"/> for an accepted unsecured token or a refusal.</summary>
    public SecurityKey? SigningKey { get; }

    /// <summary>The key that decrypted an encrypted SET; <see langword="null"/> when the SET was not encrypted or was refused.</summary>
    public SecurityKey? DecryptionKey { get; }

    /// <summary>Why the token was refused, with the RFC 8935 <c>err</c> code; <see langword="null"/> when accepted.</summary>
    public SecurityEventError? Error { get; }

    internal static SecurityEventTokenValidationResult Success(SecurityEventToken token, SecurityKey? key) => new(token, key, null);

    internal SecurityEventTokenValidationResult DecryptedWith(SecurityKey key) => new(Token, SigningKey, Error, key);

    internal static SecurityEventTokenValidationResult Failure(SecurityEventError error) => new(null, null, error);

    /// <summary>Describes the outcome without revealing the token.</summary>
    public override string ToString() => IsValid ? $"valid: {Token}" : $"invalid: {Error}";
}
