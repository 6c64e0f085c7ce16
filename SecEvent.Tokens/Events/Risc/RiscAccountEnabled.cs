namespace SecEvent.Tokens.Events.Risc;

/// <summary>The account was enabled again after being disabled (OpenID RISC 1.0 §2.4).</summary>
public sealed record RiscAccountEnabled() : RiscEvent(RiscEventTypes.AccountEnabled);
