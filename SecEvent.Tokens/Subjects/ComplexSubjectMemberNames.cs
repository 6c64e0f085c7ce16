namespace SecEvent.Tokens.Subjects;

/// <summary>The member names that OpenID Shared Signals Framework 1.0 defines for a complex subject.</summary>
/// <remarks>
/// SSF 1.0 §3.3. Every one of them is OPTIONAL, each may appear at most once, and other names are allowed. The same names
/// appear in the transmitter metadata <c>critical_subject_members</c> (SSF 1.0 §3.6 and §7.1).
/// </remarks>
public static class ComplexSubjectMemberNames
{
    /// <summary>The <c>user</c> member: identifies a user.</summary>
    /// <remarks>SSF 1.0 §3.3.</remarks>
    public const string User = "user";

    /// <summary>The <c>device</c> member: identifies a device.</summary>
    /// <remarks>SSF 1.0 §3.3.</remarks>
    public const string Device = "device";

    /// <summary>The <c>session</c> member: identifies a session.</summary>
    /// <remarks>SSF 1.0 §3.3.</remarks>
    public const string Session = "session";

    /// <summary>The <c>application</c> member: identifies an application.</summary>
    /// <remarks>SSF 1.0 §3.3.</remarks>
    public const string Application = "application";

    /// <summary>The <c>tenant</c> member: identifies a tenant.</summary>
    /// <remarks>SSF 1.0 §3.3.</remarks>
    public const string Tenant = "tenant";

    /// <summary>The <c>org_unit</c> member: identifies an organizational unit.</summary>
    /// <remarks>SSF 1.0 §3.3.</remarks>
    public const string OrgUnit = "org_unit";

    /// <summary>The <c>group</c> member: identifies a group.</summary>
    /// <remarks>SSF 1.0 §3.3.</remarks>
    public const string Group = "group";
}
