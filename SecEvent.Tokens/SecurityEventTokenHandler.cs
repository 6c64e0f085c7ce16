using SecEvent.Tokens.Events;

namespace SecEvent.Tokens;

/// <summary>
/// Creates and validates Security Event Tokens (RFC 8417). Immutable and thread-safe: keep one instance.
/// </summary>
/// <remarks>
/// Tokens are parsed once, strictly (I-JSON, unique member names, bounded size and depth), and signatures are
/// computed and checked through Microsoft.IdentityModel's crypto providers with keys the caller supplies.
/// </remarks>
public sealed partial class SecurityEventTokenHandler
{
    /// <summary>Creates a handler on the system clock with the event types this package ships.</summary>
    public SecurityEventTokenHandler()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Creates a handler.</summary>
    /// <param name="timeProvider">The clock for <c>iat</c> and for time checks.</param>
    /// <param name="eventTypes">The typed event models; <see cref="SecurityEventTypeRegistry.Default"/> when <see langword="null"/>.</param>
    public SecurityEventTokenHandler(TimeProvider timeProvider, SecurityEventTypeRegistry? eventTypes = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        TimeProvider = timeProvider;
        EventTypes = eventTypes ?? SecurityEventTypeRegistry.Default;
    }

    /// <summary>The clock used for <c>iat</c> and for time checks.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The typed event models used to read and write event payloads.</summary>
    public SecurityEventTypeRegistry EventTypes { get; }
}
