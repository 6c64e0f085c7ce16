using SecEvent.Tokens.Subjects;

namespace SecEvent.Delivery.Ssf;

/// <summary>A subject added to a stream (OpenID SSF 1.0 §8.1.3.2).</summary>
/// <param name="Subject">The subject, simple or complex.</param>
/// <param name="Verified">Whether the receiver said it verified the subject (<c>verified</c>; true when absent).</param>
/// <param name="AddedAt">When it was added, or last added again.</param>
public sealed record SsfStreamSubject(SubjectIdentifier Subject, bool Verified, DateTimeOffset AddedAt)
{
    /// <summary>
    /// The subject was removed from a stream whose transmitter's <c>default_subjects</c> is <c>ALL</c>: events about it
    /// are no longer sent (§8.1.3.3). Adding it again clears this.
    /// </summary>
    public bool Excluded { get; init; }
}
