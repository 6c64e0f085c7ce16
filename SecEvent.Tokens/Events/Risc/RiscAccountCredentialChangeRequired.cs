namespace SecEvent.Tokens.Events.Risc;

/// <summary>The account's credentials must be changed, for example because the account may have been taken over (OpenID RISC 1.0 §2.1).</summary>
public sealed record RiscAccountCredentialChangeRequired() : RiscEvent(RiscEventTypes.AccountCredentialChangeRequired);
