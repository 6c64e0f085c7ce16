using SecEvent.Tokens;

namespace SecEvent.Delivery;

/// <summary>The construction-time check every receiver (push or poll) makes of its validation parameters.</summary>
internal static class UsableParameters
{
    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming <paramref name="paramName"/> when <paramref name="parameters"/> could
    /// accept no SET at all, so that a misconfigured receiver fails at start-up rather than on every request.
    /// </summary>
    public static void Ensure(SecurityEventTokenValidationParameters parameters, string paramName)
    {
        try
        {
            parameters.EnsureUsable();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException)
        {
            throw new ArgumentException($"ValidationParameters cannot accept any SET: {e.Message}", paramName, e);
        }
    }
}
