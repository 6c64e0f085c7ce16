namespace SecEvent.Tokens;

/// <summary>
/// Why a Security Event Token was refused: an RFC 8935 <c>err</c> code and a human-readable description,
/// ready to send back as <c>{"err": …, "description": …}</c> (RFC 8935 §2.3) or in a poll <c>setErrs</c> entry (RFC 8936 §2.2).
/// </summary>
/// <param name="Code">One of <see cref="SecurityEventErrorCodes"/>.</param>
/// <param name="Description">English text for people; it never contains the token.</param>
public sealed record SecurityEventError(string Code, string Description)
{
    internal static SecurityEventError Request(string description) => new(SecurityEventErrorCodes.InvalidRequest, description);

    internal static SecurityEventError Key(string description) => new(SecurityEventErrorCodes.InvalidKey, description);

    /// <summary>Returns <c>code: description</c>.</summary>
    public override string ToString() => $"{Code}: {Description}";
}
