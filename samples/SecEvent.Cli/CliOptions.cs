using System.CommandLine;
using SecEvent.Tokens;

namespace SecEvent.Cli;

/// <summary>Options and values shared by several commands.</summary>
internal static class CliOptions
{
    /// <summary>The JWS algorithms the library signs and verifies with (RFC 7518 §3.1), in the order help lists them.</summary>
    public static readonly string[] Algorithms =
    [
        "ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "HS256", "HS384", "HS512",
    ];

    /// <summary>
    /// The JWE key management algorithms the tool makes keys for and encrypts with (RFC 7518 §4.3, §4.6), in the order
    /// help lists them. <c>dir</c> is left out: its key is a shared secret, not a recipient's public key.
    /// </summary>
    public static readonly string[] KeyManagementAlgorithms =
    [
        SecurityEventEncryptionAlgorithms.RsaOaep256, SecurityEventEncryptionAlgorithms.RsaOaep, SecurityEventEncryptionAlgorithms.EcdhEsA256KW,
    ];

    /// <summary>The JWE content encryption algorithms (RFC 7518 §5.1); the first is the default.</summary>
    public static readonly string[] ContentEncryptionAlgorithms =
    [
        SecurityEventEncryptionAlgorithms.A256Gcm, SecurityEventEncryptionAlgorithms.A128Gcm,
        SecurityEventEncryptionAlgorithms.A128CbcHs256, SecurityEventEncryptionAlgorithms.A256CbcHs512,
    ];

    private const string Rfc8417 = "rfc8417";
    private const string SharedSignals = "ssf";
    private const string BackChannelLogout = "logout";

    /// <summary>Creates the <c>--profile</c> option; RFC 8417 when absent.</summary>
    public static Option<string> CreateProfileOption()
    {
        var option = new Option<string>("--profile")
        {
            Description = "The profile the token must satisfy: rfc8417 (RFC 8417), ssf (OpenID Shared Signals) or logout (Back-Channel Logout).",
            DefaultValueFactory = _ => Rfc8417,
        };
        option.AcceptOnlyFromAmong(Rfc8417, SharedSignals, BackChannelLogout);
        return option;
    }

    /// <summary>Maps a <c>--profile</c> value, already checked by the parser, to the library's profile.</summary>
    public static SecurityEventProfile ToProfile(string? name) => name switch
    {
        SharedSignals => SecurityEventProfile.SharedSignals,
        BackChannelLogout => SecurityEventProfile.BackChannelLogout,
        _ => SecurityEventProfile.Rfc8417,
    };

    /// <summary>Whether a name is one of <see cref="Algorithms"/>; JOSE names are case-sensitive (RFC 7515 §4.1.1).</summary>
    public static bool IsAlgorithm(string name) => Array.IndexOf(Algorithms, name) >= 0;

    /// <summary>Whether a name is one of <see cref="KeyManagementAlgorithms"/>, compared case-sensitively (RFC 7516 §4.1.1).</summary>
    public static bool IsKeyManagementAlgorithm(string? name) => name is not null && Array.IndexOf(KeyManagementAlgorithms, name) >= 0;
}
