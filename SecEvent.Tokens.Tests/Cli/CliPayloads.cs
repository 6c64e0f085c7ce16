using SecEvent.Tokens.Events;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Cli;

/// <summary>JSON claims sets for <c>secevent sign</c>, one that each profile accepts.</summary>
public static class CliPayloads
{
    public const string StreamId = "f67e39a0a4d34d56b3aa1bc4cff0069f";

    /// <summary>RFC 8417: iss, aud and one event of an unregistered type.</summary>
    public static readonly string Rfc8417 =
        $$$"""{"iss":"{{{Some.Issuer}}}","aud":"{{{Some.Audience}}}","events":{"{{{Some.EventType}}}":{"reason":"test"}} }""";

    /// <summary>Shared Signals: an opaque stream sub_id and the verification event with a state.</summary>
    public static readonly string SharedSignals =
        $$$"""{"iss":"{{{Some.Issuer}}}","aud":"{{{Some.Audience}}}","sub_id":{"format":"opaque","id":"{{{StreamId}}}"},"events":{"{{{SecurityEventTypes.SsfVerification}}}":{"state":"c3RhdGU="}} }""";

    /// <summary>Back-Channel Logout: aud, sid and the logout event; exp is left for sign to fill in.</summary>
    public static readonly string Logout =
        $$$"""{"iss":"{{{Some.Issuer}}}","aud":"{{{Some.Audience}}}","sid":"session-1","events":{"{{{SecurityEventTypes.BackChannelLogout}}}":{}} }""";

    /// <summary>The payload and <c>--profile</c> value for a profile name.</summary>
    public static string For(string profile) => profile switch
    {
        "ssf" => SharedSignals,
        "logout" => Logout,
        _ => Rfc8417,
    };
}
