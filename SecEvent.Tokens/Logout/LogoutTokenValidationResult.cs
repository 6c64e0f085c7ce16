using System.Diagnostics.CodeAnalysis;

namespace SecEvent.Tokens.Logout;

/// <summary>The outcome of validating a Logout Token (Back-Channel Logout 1.0 §2.6): the token, or the error to answer 400 with.</summary>
public sealed class LogoutTokenValidationResult
{
    private LogoutTokenValidationResult(LogoutToken? token, LogoutError? error)
    {
        Token = token;
        Error = error;
    }

    /// <summary>Whether the token was accepted.</summary>
    [MemberNotNullWhen(true, nameof(Token))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Error is null;

    /// <summary>The accepted token; <see langword="null"/> when refused.</summary>
    public LogoutToken? Token { get; }

    /// <summary>Why the token was refused (§2.6: any failed step is a 400 Bad Request); <see langword="null"/> when accepted.</summary>
    public LogoutError? Error { get; }

    internal static LogoutTokenValidationResult Success(LogoutToken token) => new(token, null);

    internal static LogoutTokenValidationResult Failure(LogoutError error) => new(null, error);

    /// <summary>Describes the outcome without revealing the token.</summary>
    public override string ToString() => IsValid ? $"valid: {Token}" : $"invalid: {Error}";
}
