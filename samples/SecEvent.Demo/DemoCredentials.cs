namespace SecEvent.Demo;

/// <summary>The shared secrets of the demo's two parties. In real life: OAuth tokens and client secrets, never constants.</summary>
internal static class DemoCredentials
{
    /// <summary>The relying party's credential at the transmitter's stream management and poll endpoints, as SharedSignals knows it.</summary>
    public const string Ssf = "Bearer rp-ssf-credential";

    /// <summary>What the transmitter sends to the relying party's push endpoint.</summary>
    public const string Push = "Bearer rp-push-credential";

    /// <summary>The relying party's OAuth client at the authorization server.</summary>
    public const string ClientId = "rp-app";

    /// <summary>Its client secret, for the RFC 7009 revocation request.</summary>
    public const string ClientSecret = "rp-app-secret";

    /// <summary>The audience of the relying party's streams.</summary>
    public const string Audience = "https://rp.example.com";
}
