namespace SecEvent.Tokens.Events.Risc;

/// <summary>The account started to opt out of RISC events; the opt-out takes effect later (OpenID RISC 1.0 §2.8.2, RISC-03).</summary>
public sealed record RiscOptOutInitiated() : RiscEvent(RiscEventTypes.OptOutInitiated);
