namespace SecEvent.Delivery.Outbox;

/// <summary>A leased SET and when its lease ends, as a dispatcher run holds it.</summary>
internal sealed record HeldMessage(OutboxMessage Message, DateTimeOffset LeaseEndsAt);
