using SecEvent.Tokens;

namespace SecEvent.Delivery.Ssf;

/// <summary>
/// A stream status change announced by a stream-updated event (OpenID SSF 1.0 §8.1.5, SSF-38), as
/// <see cref="SsfStreamEventSink"/> surfaces it.
/// </summary>
public sealed record SsfStreamUpdate
{
    /// <summary>The stream whose status changed: the <c>id</c> of the SET's opaque <c>sub_id</c>.</summary>
    public required string StreamId { get; init; }

    /// <summary>The new status: one of <see cref="Tokens.Events.SsfStreamStatuses"/>.</summary>
    public required string Status { get; init; }

    /// <summary>Why the status changed, for people (<c>reason</c>); <see langword="null"/> when the event has none.</summary>
    public string? Reason { get; init; }

    /// <summary>The SET's issuer (<c>iss</c>).</summary>
    public required string Issuer { get; init; }

    /// <summary>The SET's identifier (<c>jti</c>).</summary>
    public required string JwtId { get; init; }

    /// <summary>When the SET was issued (<c>iat</c>).</summary>
    public required NumericDate IssuedAt { get; init; }

    /// <summary>When the change happened (<c>toe</c>), when the SET says.</summary>
    public NumericDate? TimeOfEvent { get; init; }

    /// <summary>The instant updates are ordered by: <see cref="TimeOfEvent"/> when present, otherwise <see cref="IssuedAt"/>.</summary>
    public NumericDate ChangedAt => TimeOfEvent ?? IssuedAt;
}
