using SecEvent.Tokens;

namespace SecEvent.Delivery.Poll;

/// <summary>The verdict of <see cref="PollTransmitterOptions.AuthorizeReceiver"/> on one poll request.</summary>
public sealed class PollAuthorizationResult
{
    private PollAuthorizationResult(string? errorCode, string? description)
    {
        ErrorCode = errorCode;
        Description = description;
    }

    /// <summary>The request may poll its stream.</summary>
    public static PollAuthorizationResult Allowed { get; } = new(null, null);

    /// <summary>Whether the request may proceed.</summary>
    public bool Succeeded => ErrorCode is null;

    /// <summary>
    /// <see cref="SecurityEventErrorCodes.AuthenticationFailed"/> (answered 401) or
    /// <see cref="SecurityEventErrorCodes.AccessDenied"/> (answered 403); <see langword="null"/> when allowed.
    /// </summary>
    public string? ErrorCode { get; }

    /// <summary>Why the request was refused, sent to the recipient; <see langword="null"/> when allowed.</summary>
    public string? Description { get; }

    /// <summary>The request carries no valid credentials: answered 401 with a <c>WWW-Authenticate</c> challenge (POLL-12).</summary>
    /// <param name="description">English text for the recipient's operators. It is sent in the response: never put a credential in it.</param>
    /// <returns>A refusal.</returns>
    public static PollAuthorizationResult AuthenticationFailed(string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        return new(SecurityEventErrorCodes.AuthenticationFailed, description);
    }

    /// <summary>The credentials are valid but may not poll this stream: answered 403.</summary>
    /// <param name="description">English text for the recipient's operators. It is sent in the response: never put a credential in it.</param>
    /// <returns>A refusal.</returns>
    public static PollAuthorizationResult AccessDenied(string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        return new(SecurityEventErrorCodes.AccessDenied, description);
    }

    /// <summary>Returns the verdict and the description.</summary>
    public override string ToString() => ErrorCode is null ? "allowed" : $"{ErrorCode}: {Description}";
}
