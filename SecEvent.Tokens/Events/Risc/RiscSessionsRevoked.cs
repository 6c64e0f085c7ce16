namespace SecEvent.Tokens.Events.Risc;

/// <summary>All sessions of the account were revoked (OpenID RISC 1.0 §2.11, deprecated).</summary>
/// <remarks>
/// RISC-04: new implementations MUST send <see cref="Caep.CaepSessionRevoked"/> instead. The record exists so that
/// SETs from older transmitters still read as typed events.
/// </remarks>
[Obsolete("RISC 1.0 §2.11 deprecates sessions-revoked: send CaepSessionRevoked instead.")]
public sealed record RiscSessionsRevoked() : RiscEvent(RiscEventTypes.SessionsRevoked);
