using System.Collections.Frozen;
using System.Text.Json.Serialization.Metadata;
using SecEvent.Tokens.Events.Caep;
using SecEvent.Tokens.Events.OAuth;
using SecEvent.Tokens.Events.Risc;
using SecEvent.Tokens.Events.Scim;
using SecEvent.Tokens.Logout;

namespace SecEvent.Tokens.Events;

/// <summary>The event types this package ships, built once and shared by every <see cref="SecurityEventTypeRegistry"/>.</summary>
internal static class BuiltInEventTypes
{
#pragma warning disable CS0618 // The deprecated RISC sessions-revoked event is still read.
    private static readonly SecurityEventTypeEntry[] Entries =
    [
        Entry(SecurityEventTypes.SsfVerification, SecurityEventJsonContext.Default.SsfVerificationEvent),
        Entry(SecurityEventTypes.SsfStreamUpdated, SecurityEventJsonContext.Default.SsfStreamUpdatedEvent),
        Entry(SecurityEventTypes.BackChannelLogout, LogoutJsonContext.Default.BackChannelLogoutEvent),

        Entry(CaepEventTypes.SessionRevoked, CaepEventJsonContext.Default.CaepSessionRevoked),
        Entry(CaepEventTypes.TokenClaimsChange, CaepEventJsonContext.Default.CaepTokenClaimsChange),
        Entry(CaepEventTypes.CredentialChange, CaepEventJsonContext.Default.CaepCredentialChange),
        Entry(CaepEventTypes.AssuranceLevelChange, CaepEventJsonContext.Default.CaepAssuranceLevelChange),
        Entry(CaepEventTypes.DeviceComplianceChange, CaepEventJsonContext.Default.CaepDeviceComplianceChange),
        Entry(CaepEventTypes.SessionEstablished, CaepEventJsonContext.Default.CaepSessionEstablished),
        Entry(CaepEventTypes.SessionPresented, CaepEventJsonContext.Default.CaepSessionPresented),
        Entry(CaepEventTypes.RiskLevelChange, CaepEventJsonContext.Default.CaepRiskLevelChange),

        Entry(RiscEventTypes.AccountCredentialChangeRequired, RiscEventJsonContext.Default.RiscAccountCredentialChangeRequired),
        Entry(RiscEventTypes.AccountPurged, RiscEventJsonContext.Default.RiscAccountPurged),
        Entry(RiscEventTypes.AccountDisabled, RiscEventJsonContext.Default.RiscAccountDisabled),
        Entry(RiscEventTypes.AccountEnabled, RiscEventJsonContext.Default.RiscAccountEnabled),
        Entry(RiscEventTypes.IdentifierChanged, RiscEventJsonContext.Default.RiscIdentifierChanged),
        Entry(RiscEventTypes.IdentifierRecycled, RiscEventJsonContext.Default.RiscIdentifierRecycled),
        Entry(RiscEventTypes.CredentialCompromise, RiscEventJsonContext.Default.RiscCredentialCompromise),
        Entry(RiscEventTypes.OptIn, RiscEventJsonContext.Default.RiscOptIn),
        Entry(RiscEventTypes.OptOutInitiated, RiscEventJsonContext.Default.RiscOptOutInitiated),
        Entry(RiscEventTypes.OptOutCancelled, RiscEventJsonContext.Default.RiscOptOutCancelled),
        Entry(RiscEventTypes.OptOutEffective, RiscEventJsonContext.Default.RiscOptOutEffective),
        Entry(RiscEventTypes.RecoveryActivated, RiscEventJsonContext.Default.RiscRecoveryActivated),
        Entry(RiscEventTypes.RecoveryInformationChanged, RiscEventJsonContext.Default.RiscRecoveryInformationChanged),
        Entry(RiscEventTypes.SessionsRevoked, RiscEventJsonContext.Default.RiscSessionsRevoked),

        Entry(OAuthEventTypes.TokenIssued, OAuthEventJsonContext.Default.OAuthTokenIssued),
        Entry(OAuthEventTypes.TokenRevoked, OAuthEventJsonContext.Default.OAuthTokenRevoked),
        Entry(OAuthEventTypes.TokensRevoked, OAuthEventJsonContext.Default.OAuthTokensRevoked),
        Entry(OAuthEventTypes.ClientDisabled, OAuthEventJsonContext.Default.OAuthClientDisabled),
        Entry(OAuthEventTypes.ClientEnabled, OAuthEventJsonContext.Default.OAuthClientEnabled),
        Entry(OAuthEventTypes.ClientCredentialChanged, OAuthEventJsonContext.Default.OAuthClientCredentialChanged),

        Entry(ScimEventTypes.FeedAdd, ScimEventJsonContext.Default.ScimFeedAdd),
        Entry(ScimEventTypes.FeedRemove, ScimEventJsonContext.Default.ScimFeedRemove),
        Entry(ScimEventTypes.CreateFull, ScimEventJsonContext.Default.ScimCreateFull),
        Entry(ScimEventTypes.CreateNotice, ScimEventJsonContext.Default.ScimCreateNotice),
        Entry(ScimEventTypes.PatchFull, ScimEventJsonContext.Default.ScimPatchFull),
        Entry(ScimEventTypes.PatchNotice, ScimEventJsonContext.Default.ScimPatchNotice),
        Entry(ScimEventTypes.PutFull, ScimEventJsonContext.Default.ScimPutFull),
        Entry(ScimEventTypes.PutNotice, ScimEventJsonContext.Default.ScimPutNotice),
        Entry(ScimEventTypes.Delete, ScimEventJsonContext.Default.ScimDelete),
        Entry(ScimEventTypes.Activate, ScimEventJsonContext.Default.ScimActivate),
        Entry(ScimEventTypes.Deactivate, ScimEventJsonContext.Default.ScimDeactivate),
        Entry(ScimEventTypes.AsyncResponse, ScimEventJsonContext.Default.ScimAsyncResponse),
    ];
#pragma warning restore CS0618

    public static FrozenDictionary<string, SecurityEventTypeEntry> ByUri { get; } =
        Entries.ToFrozenDictionary(e => e.EventType, StringComparer.Ordinal);

    public static FrozenDictionary<Type, SecurityEventTypeEntry> ByModel { get; } =
        Entries.ToFrozenDictionary(e => e.ModelType);

    private static SecurityEventTypeEntry Entry<TEvent>(string eventType, JsonTypeInfo<TEvent> typeInfo)
        where TEvent : SecurityEvent => new(eventType, typeof(TEvent), typeInfo);
}
