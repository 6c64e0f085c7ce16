namespace SecEvent.Tokens.Events.Risc;

/// <summary>The event type URIs of OpenID RISC Profile 1.0 §2.</summary>
public static class RiscEventTypes
{
    /// <summary>The common prefix of every RISC event type.</summary>
    public const string Prefix = "https://schemas.openid.net/secevent/risc/event-type/";

    /// <summary>The account's credentials must change (RISC 1.0 §2.1).</summary>
    public const string AccountCredentialChangeRequired = Prefix + "account-credential-change-required";

    /// <summary>The account was deleted (RISC 1.0 §2.2).</summary>
    public const string AccountPurged = Prefix + "account-purged";

    /// <summary>The account was disabled (RISC 1.0 §2.3).</summary>
    public const string AccountDisabled = Prefix + "account-disabled";

    /// <summary>The account was enabled again (RISC 1.0 §2.4).</summary>
    public const string AccountEnabled = Prefix + "account-enabled";

    /// <summary>The account's e-mail address or phone number changed (RISC 1.0 §2.5).</summary>
    public const string IdentifierChanged = Prefix + "identifier-changed";

    /// <summary>An e-mail address or phone number now belongs to someone else (RISC 1.0 §2.6).</summary>
    public const string IdentifierRecycled = Prefix + "identifier-recycled";

    /// <summary>A credential of the account was found compromised (RISC 1.0 §2.7).</summary>
    public const string CredentialCompromise = Prefix + "credential-compromise";

    /// <summary>The account opted in to RISC events (RISC 1.0 §2.8.1).</summary>
    public const string OptIn = Prefix + "opt-in";

    /// <summary>The account started to opt out (RISC 1.0 §2.8.2).</summary>
    public const string OptOutInitiated = Prefix + "opt-out-initiated";

    /// <summary>The account cancelled its opt-out (RISC 1.0 §2.8.3).</summary>
    public const string OptOutCancelled = Prefix + "opt-out-cancelled";

    /// <summary>The account's opt-out took effect (RISC 1.0 §2.8.4).</summary>
    public const string OptOutEffective = Prefix + "opt-out-effective";

    /// <summary>Account recovery was started (RISC 1.0 §2.9).</summary>
    public const string RecoveryActivated = Prefix + "recovery-activated";

    /// <summary>The account's recovery information changed (RISC 1.0 §2.10).</summary>
    public const string RecoveryInformationChanged = Prefix + "recovery-information-changed";

    /// <summary>All sessions were revoked (RISC 1.0 §2.11); deprecated: use <see cref="Caep.CaepEventTypes.SessionRevoked"/> (RISC-04).</summary>
    public const string SessionsRevoked = Prefix + "sessions-revoked";
}
