namespace SecEvent.Tokens.Events.Risc;

/// <summary>The account's opt-out took effect; no further events are sent for it (OpenID RISC 1.0 §2.8.4, RISC-03).</summary>
public sealed record RiscOptOutEffective() : RiscEvent(RiscEventTypes.OptOutEffective);
