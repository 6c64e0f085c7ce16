namespace SecEvent.Tokens.Events.Risc;

/// <summary>The account cancelled an opt-out before it took effect (OpenID RISC 1.0 §2.8.3, RISC-03).</summary>
public sealed record RiscOptOutCancelled() : RiscEvent(RiscEventTypes.OptOutCancelled);
