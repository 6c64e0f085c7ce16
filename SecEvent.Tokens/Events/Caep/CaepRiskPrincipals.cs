namespace SecEvent.Tokens.Events.Caep;

/// <summary>Principals whose risk level CAEP 1.0 §3.8.1 names as examples (<c>principal</c>).</summary>
/// <remarks>The list is open: any non-empty string is accepted.</remarks>
public static class CaepRiskPrincipals
{
    /// <summary>A user.</summary>
    public const string User = "USER";

    /// <summary>A device.</summary>
    public const string Device = "DEVICE";

    /// <summary>A session.</summary>
    public const string Session = "SESSION";

    /// <summary>A tenant.</summary>
    public const string Tenant = "TENANT";

    /// <summary>An organisational unit.</summary>
    public const string OrgUnit = "ORG_UNIT";

    /// <summary>A group.</summary>
    public const string Group = "GROUP";
}
