namespace SecEvent.Delivery.Push;

/// <summary>How a push receiver answers when its authentication or authorization hook refuses a request.</summary>
public enum PushAuthorizationFailureStyle
{
    /// <summary>
    /// 400 with <c>err</c> <c>authentication_failed</c> or <c>access_denied</c>, as RFC 8935 §2.3 figure 4 shows.
    /// </summary>
    Rfc8935 = 0,

    /// <summary>
    /// 401 (with a <c>WWW-Authenticate</c> challenge) or 403, the ordinary HTTP statuses RFC 8935 §2.3 also permits,
    /// with the same <c>err</c>/<c>description</c> body.
    /// </summary>
    HttpStatus = 1,
}
