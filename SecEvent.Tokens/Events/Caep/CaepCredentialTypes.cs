namespace SecEvent.Tokens.Events.Caep;

/// <summary>The credential types of CAEP 1.0 §3.3.1 (<c>credential_type</c>), also used by RISC <c>credential-compromise</c>.</summary>
/// <remarks>The list is open: parties may agree on other values, so any non-empty string is accepted.</remarks>
public static class CaepCredentialTypes
{
    /// <summary>A password.</summary>
    public const string Password = "password";

    /// <summary>A PIN.</summary>
    public const string Pin = "pin";

    /// <summary>An X.509 certificate.</summary>
    public const string X509 = "x509";

    /// <summary>A FIDO2 platform authenticator.</summary>
    public const string Fido2Platform = "fido2-platform";

    /// <summary>A FIDO2 roaming authenticator.</summary>
    public const string Fido2Roaming = "fido2-roaming";

    /// <summary>A FIDO U2F authenticator.</summary>
    public const string FidoU2f = "fido-u2f";

    /// <summary>A verifiable credential.</summary>
    public const string VerifiableCredential = "verifiable-credential";

    /// <summary>A phone number used for voice calls.</summary>
    public const string PhoneVoice = "phone-voice";

    /// <summary>A phone number used for SMS.</summary>
    public const string PhoneSms = "phone-sms";

    /// <summary>An authenticator app.</summary>
    public const string App = "app";
}
