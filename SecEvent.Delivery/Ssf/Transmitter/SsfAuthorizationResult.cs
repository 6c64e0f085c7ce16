namespace SecEvent.Delivery.Ssf;

/// <summary>The authorization hook's verdict: the receiver making the request, or why it is refused (401 or 403).</summary>
public sealed class SsfAuthorizationResult
{
    private SsfAuthorizationResult(SsfReceiver? receiver, int status, string? challenge)
    {
        Receiver = receiver;
        StatusCode = status;
        Challenge = challenge;
    }

    /// <summary>The receiver, when allowed.</summary>
    public SsfReceiver? Receiver { get; }

    /// <summary>200 when allowed, else 401 or 403.</summary>
    public int StatusCode { get; }

    /// <summary>The <c>WWW-Authenticate</c> value of a 401.</summary>
    public string? Challenge { get; }

    /// <summary>The request comes from <paramref name="receiver"/>.</summary>
    /// <param name="receiver">The receiver.</param>
    /// <returns>The verdict.</returns>
    public static SsfAuthorizationResult Allow(SsfReceiver receiver)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        receiver.EnsureUsable();
        return new(receiver, 200, null);
    }

    /// <summary>No credential, or one that is not valid: 401 with a <c>WWW-Authenticate</c> challenge (RFC 6750 §3).</summary>
    /// <param name="challenge">The challenge, such as <c>Bearer error="invalid_token"</c>.</param>
    /// <returns>The verdict.</returns>
    public static SsfAuthorizationResult Unauthenticated(string challenge = "Bearer")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(challenge);
        return new(null, 401, challenge);
    }

    /// <summary>A valid credential that may not use the stream management API: 403.</summary>
    /// <returns>The verdict.</returns>
    public static SsfAuthorizationResult Forbidden() => new(null, 403, null);

    /// <inheritdoc/>
    public override string ToString() => Receiver is { } receiver ? $"allowed: {receiver}" : $"refused: {StatusCode}";
}
