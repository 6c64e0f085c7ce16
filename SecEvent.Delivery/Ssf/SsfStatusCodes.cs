namespace SecEvent.Delivery.Ssf;

/// <summary>
/// The HTTP status codes of the stream management endpoints (OpenID SSF 1.0 §8.1): the success code of each operation
/// and the rows of its error table, mapped to a meaning a client can act on.
/// </summary>
/// <remarks>
/// A code is classified only for an operation whose table lists it: 409 means <see cref="SsfStatusMeaning.Conflict"/>
/// for <see cref="SsfStreamOperation.Create"/> and <see cref="SsfStatusMeaning.Unexpected"/> elsewhere. Add subject
/// also accepts 204 as success, because SSF 1.0 §9.1 says 204 where §8.1.3.2 says 200.
/// </remarks>
public static class SsfStatusCodes
{
    /// <summary>What <paramref name="status"/> means in answer to <paramref name="operation"/>.</summary>
    /// <param name="operation">The operation the request performed.</param>
    /// <param name="status">The HTTP status code of the response.</param>
    /// <returns>The meaning, or <see cref="SsfStatusMeaning.Unexpected"/> when the spec defines none.</returns>
    public static SsfStatusMeaning Classify(SsfStreamOperation operation, int status) => (operation, status) switch
    {
        (SsfStreamOperation.Create, 201) => SsfStatusMeaning.Success,
        (SsfStreamOperation.Read or SsfStreamOperation.Update or SsfStreamOperation.Replace or SsfStreamOperation.ReadStatus
            or SsfStreamOperation.UpdateStatus or SsfStreamOperation.AddSubject, 200) => SsfStatusMeaning.Success,
        (SsfStreamOperation.Delete or SsfStreamOperation.RemoveSubject or SsfStreamOperation.Verify or SsfStreamOperation.AddSubject, 204) => SsfStatusMeaning.Success,
        (SsfStreamOperation.Update or SsfStreamOperation.Replace or SsfStreamOperation.UpdateStatus, 202) => SsfStatusMeaning.Accepted,
        (not (SsfStreamOperation.Read or SsfStreamOperation.Delete or SsfStreamOperation.ReadStatus), 400) => SsfStatusMeaning.InvalidRequest,
        (_, 401) => SsfStatusMeaning.Unauthorized,
        (not SsfStreamOperation.Verify, 403) => SsfStatusMeaning.Forbidden,
        (not SsfStreamOperation.Create, 404) => SsfStatusMeaning.NotFound,
        (SsfStreamOperation.Create, 409) => SsfStatusMeaning.Conflict,
        (SsfStreamOperation.AddSubject or SsfStreamOperation.RemoveSubject or SsfStreamOperation.Verify, 429) => SsfStatusMeaning.TooManyRequests,
        _ => SsfStatusMeaning.Unexpected,
    };

    /// <summary>Whether <paramref name="status"/> is a success for <paramref name="operation"/>, including 202 (accepted, pending).</summary>
    /// <param name="operation">The operation the request performed.</param>
    /// <param name="status">The HTTP status code of the response.</param>
    /// <returns><see langword="true"/> for <see cref="SsfStatusMeaning.Success"/> and <see cref="SsfStatusMeaning.Accepted"/>.</returns>
    public static bool IsSuccess(SsfStreamOperation operation, int status) =>
        Classify(operation, status) is SsfStatusMeaning.Success or SsfStatusMeaning.Accepted;

    /// <summary>What <paramref name="status"/> means in answer to <paramref name="operation"/>, in words fit for a log or an exception.</summary>
    /// <param name="operation">The operation the request performed.</param>
    /// <param name="status">The HTTP status code of the response.</param>
    /// <returns>A sentence naming the meaning and what the receiver can do.</returns>
    public static string Describe(SsfStreamOperation operation, int status) => Classify(operation, status) switch
    {
        SsfStatusMeaning.Success => operation switch
        {
            SsfStreamOperation.Create => "Created: the body holds the new stream configuration; check its iss.",
            SsfStreamOperation.Delete => "Deleted.",
            SsfStreamOperation.AddSubject => "Added, or silently ignored: success does not promise events about the subject.",
            SsfStreamOperation.RemoveSubject => "Removed; events about the subject may still arrive for a while.",
            SsfStreamOperation.Verify => "Accepted: a verification event will be sent, perhaps later.",
            SsfStreamOperation.Read or SsfStreamOperation.Update or SsfStreamOperation.Replace => "Succeeded: the body holds the stream configuration; check its iss.",
            _ => "Succeeded: the body holds the stream status.",
        },
        SsfStatusMeaning.Accepted => "Accepted but not yet processed; read the stream again later for the result.",
        SsfStatusMeaning.InvalidRequest => "The request could not be parsed or is invalid (a transmitter-supplied member that does not match, an unsupported delivery method); do not retry it unchanged.",
        SsfStatusMeaning.Unauthorized => "Authorization failed or is missing; renew the credential before retrying.",
        SsfStatusMeaning.Forbidden => "The receiver is not allowed to perform this operation.",
        SsfStatusMeaning.NotFound => operation is SsfStreamOperation.AddSubject or SsfStreamOperation.RemoveSubject
            ? "No such stream for this receiver, or the subject is not recognised."
            : "No such stream for this receiver.",
        SsfStatusMeaning.Conflict => "The transmitter allows only one stream per receiver and one exists already; read or update it instead.",
        SsfStatusMeaning.TooManyRequests => operation == SsfStreamOperation.Verify
            ? "Too many requests: verification was asked for faster than min_verification_interval; wait before asking again."
            : "Too many requests; wait before retrying.",
        _ => $"HTTP {status} is not a status OpenID SSF 1.0 defines for this operation; treat it as a general HTTP failure.",
    };
}
