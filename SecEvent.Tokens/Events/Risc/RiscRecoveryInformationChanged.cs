namespace SecEvent.Tokens.Events.Risc;

/// <summary>The account's recovery information (such as a recovery e-mail address or phone number) changed (OpenID RISC 1.0 §2.10).</summary>
public sealed record RiscRecoveryInformationChanged() : RiscEvent(RiscEventTypes.RecoveryInformationChanged);
