using SecEvent.Delivery.Push;

namespace SecEvent.Delivery.Outbox;

/// <summary>One delivery attempt as the outbox records it: when, how it ended and why — never the SET or a credential.</summary>
/// <param name="At">When the attempt ended.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="StatusCode">The last HTTP status, or <see langword="null"/> when there was no response.</param>
/// <param name="ErrorCode">The recipient's RFC 8935 <c>err</c> of a rejection, or <see langword="null"/>.</param>
/// <param name="Cause">A short cause: the <c>err</c> and <c>description</c>, the status, or the exception type and message.</param>
public sealed record OutboxAttempt(DateTimeOffset At, PushOutcome Outcome, int? StatusCode, string? ErrorCode, string? Cause);
