namespace SecEvent.Tokens.Events.Risc;

/// <summary>Account recovery was started for the account (OpenID RISC 1.0 §2.9).</summary>
public sealed record RiscRecoveryActivated() : RiscEvent(RiscEventTypes.RecoveryActivated);
