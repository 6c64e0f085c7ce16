namespace SecEvent.Tokens.Events.Risc;

/// <summary>The account was permanently deleted (OpenID RISC 1.0 §2.2).</summary>
public sealed record RiscAccountPurged() : RiscEvent(RiscEventTypes.AccountPurged);
