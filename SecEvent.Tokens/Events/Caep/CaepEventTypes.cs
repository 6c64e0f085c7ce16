namespace SecEvent.Tokens.Events.Caep;

/// <summary>The event type URIs of OpenID Continuous Access Evaluation Profile 1.0 §3.</summary>
public static class CaepEventTypes
{
    /// <summary>The common prefix of every CAEP event type.</summary>
    public const string Prefix = "https://schemas.openid.net/secevent/caep/event-type/";

    /// <summary>A session was revoked (CAEP 1.0 §3.1).</summary>
    public const string SessionRevoked = Prefix + "session-revoked";

    /// <summary>Claims of a token changed (CAEP 1.0 §3.2).</summary>
    public const string TokenClaimsChange = Prefix + "token-claims-change";

    /// <summary>A credential was created, changed, revoked or deleted (CAEP 1.0 §3.3).</summary>
    public const string CredentialChange = Prefix + "credential-change";

    /// <summary>The authentication assurance level changed (CAEP 1.0 §3.4).</summary>
    public const string AssuranceLevelChange = Prefix + "assurance-level-change";

    /// <summary>A device's compliance status changed (CAEP 1.0 §3.5).</summary>
    public const string DeviceComplianceChange = Prefix + "device-compliance-change";

    /// <summary>A session was established (CAEP 1.0 §3.6).</summary>
    public const string SessionEstablished = Prefix + "session-established";

    /// <summary>A session was presented to a service (CAEP 1.0 §3.7).</summary>
    public const string SessionPresented = Prefix + "session-presented";

    /// <summary>A principal's risk level changed (CAEP 1.0 §3.8).</summary>
    public const string RiskLevelChange = Prefix + "risk-level-change";
}
