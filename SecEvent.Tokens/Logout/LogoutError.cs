namespace SecEvent.Tokens.Logout;

/// <summary>
/// Why a Back-Channel Logout request was refused, in the OAuth 2.0 error form the RP may return as the JSON body of its
/// 400 response: <c>{"error": …, "error_description": …}</c> (Back-Channel Logout 1.0 §2.8, RFC 6749 §5.2).
/// </summary>
/// <remarks>
/// This is not the RFC 8935 <c>{"err", "description"}</c> form of SET push delivery. Descriptions written by this library
/// never contain the Logout Token.
/// </remarks>
/// <param name="Error">The OAuth 2.0 error code; the library always reports <c>invalid_request</c> (§2.8).</param>
/// <param name="ErrorDescription">English text for the OP's developers; it never contains the token.</param>
public sealed record LogoutError(string Error, string ErrorDescription)
{
    /// <summary>The error code for an invalid request or a failed logout (Back-Channel Logout 1.0 §2.8, RFC 6749 §5.2).</summary>
    public const string InvalidRequest = "invalid_request";

    internal static LogoutError Request(string description) => new(InvalidRequest, description);

    /// <summary>Returns <c>error: error_description</c>.</summary>
    public override string ToString() => $"{Error}: {ErrorDescription}";
}
