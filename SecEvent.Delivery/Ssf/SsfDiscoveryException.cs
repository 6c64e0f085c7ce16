namespace SecEvent.Delivery.Ssf;

/// <summary>
/// Thrown when the transmitter configuration cannot be discovered or fails validation; no part of the configuration is
/// used then (OpenID SSF 1.0 §7.2.4).
/// </summary>
/// <remarks>The message names the issuer and the cause, never the response body.</remarks>
public sealed class SsfDiscoveryException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="failure">Why discovery failed.</param>
    /// <param name="message">The cause, in words fit for a log.</param>
    /// <param name="statusCode">The HTTP status code of the response, when there was one.</param>
    /// <param name="innerException">The transport failure behind it, if any.</param>
    public SsfDiscoveryException(SsfDiscoveryFailure failure, string message, int? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        StatusCode = statusCode;
    }

    /// <summary>Why discovery failed.</summary>
    public SsfDiscoveryFailure Failure { get; }

    /// <summary>The HTTP status code of the transmitter's response, or <see langword="null"/> when none arrived.</summary>
    public int? StatusCode { get; }
}
