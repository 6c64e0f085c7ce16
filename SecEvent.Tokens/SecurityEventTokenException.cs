namespace SecEvent.Tokens;

/// <summary>
/// Thrown when a descriptor cannot become a token that its own profile would accept, or when the signing
/// key cannot sign it. A programming error, not bad input: validation reports bad input through a result.
/// </summary>
/// <remarks>
/// A receiver's own checks after validation (a SET sink in SecEvent.Delivery, for example) throw it to refuse a SET
/// with an RFC 8935 <c>err</c> code, which the delivery layer sends back to the transmitter.
/// </remarks>
public sealed class SecurityEventTokenException : Exception
{
    /// <summary>Creates the exception for an error.</summary>
    /// <param name="error">What is wrong; its code is the one a receiver would answer with.</param>
    public SecurityEventTokenException(SecurityEventError error)
        : base(error?.Description)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>What is wrong, with the RFC 8935 <c>err</c> code a receiver would answer with.</summary>
    public SecurityEventError Error { get; }
}
