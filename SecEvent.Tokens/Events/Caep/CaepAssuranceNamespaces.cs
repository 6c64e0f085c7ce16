namespace SecEvent.Tokens.Events.Caep;

/// <summary>The assurance level namespaces of CAEP 1.0 §3.4.1 (<c>namespace</c>).</summary>
/// <remarks>The list is open: parties may agree on a custom alias, so any non-empty string is accepted.</remarks>
public static class CaepAssuranceNamespaces
{
    /// <summary>Authentication method reference values (RFC 8176).</summary>
    public const string Rfc8176 = "RFC8176";

    /// <summary>Levels of assurance registered under RFC 6711.</summary>
    public const string Rfc6711 = "RFC6711";

    /// <summary>ISO/IEC 29115 levels of assurance.</summary>
    public const string IsoIec29115 = "ISO-IEC-29115";

    /// <summary>NIST SP 800-63 identity assurance levels.</summary>
    public const string NistIal = "NIST-IAL";

    /// <summary>NIST SP 800-63 authenticator assurance levels.</summary>
    public const string NistAal = "NIST-AAL";

    /// <summary>NIST SP 800-63 federation assurance levels.</summary>
    public const string NistFal = "NIST-FAL";
}
