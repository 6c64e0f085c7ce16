using SecEvent.Tokens.Events;

namespace SecEvent.Delivery.Ssf;

/// <summary>
/// The input every <see cref="ISsfStreamStore"/> refuses, checked once for all stores so they refuse alike: what a store
/// keeps must read back as it was given.
/// </summary>
internal static class SsfStreamStoreArguments
{
    /// <summary>The stream's configuration as JSON, once the stream is known to be one a store can keep and read back.</summary>
    /// <exception cref="ArgumentException">The stream has no receiver, an undefined status, or a configuration that does not read back.</exception>
    public static byte[] CheckStream(SsfStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(stream.Configuration, nameof(stream));
        ArgumentException.ThrowIfNullOrEmpty(stream.ReceiverId, nameof(stream));
        if (!SsfStreamStatuses.IsDefined(stream.Status))
        {
            throw new ArgumentException("The stream's status must be enabled, paused or disabled.", nameof(stream));
        }

        var json = stream.Configuration.ToUtf8Json();
        return SsfStreamConfiguration.TryParse(json, out _, out var error)
            ? json
            : throw new ArgumentException($"The stream's configuration is not valid: {error}", nameof(stream));
    }

    /// <summary>Refuses held SETs a store could not deliver later.</summary>
    /// <exception cref="ArgumentException">An event is null, or has no SET or <c>jti</c>.</exception>
    public static void CheckHeld(IReadOnlyList<SsfHeldEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Any(e => e is null || string.IsNullOrEmpty(e.Set) || string.IsNullOrEmpty(e.Jti)))
        {
            throw new ArgumentException("Every held event needs a SET and a jti.", nameof(events));
        }
    }
}
