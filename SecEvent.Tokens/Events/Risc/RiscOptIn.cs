namespace SecEvent.Tokens.Events.Risc;

/// <summary>The account opted in to RISC events (OpenID RISC 1.0 §2.8.1, RISC-03).</summary>
public sealed record RiscOptIn() : RiscEvent(RiscEventTypes.OptIn);
