namespace SecEvent.Demo;

/// <summary>A SET the relying party kept: its <c>jti</c>, its event type, and its <c>txn</c> (the scenario's label for it).</summary>
internal sealed record Arrival(string Jti, string EventType, string? TransactionId);
