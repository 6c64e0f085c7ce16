using System.Diagnostics.CodeAnalysis;

namespace SecEvent.Delivery.Ssf;

/// <summary>
/// The result of a change the transmitter may apply later (OpenID SSF 1.0 §8.1.1.3, §8.1.1.4, §8.1.2.2): either the
/// new value (200) or <see cref="IsPending"/> (202, accepted and not yet processed; read it again later).
/// </summary>
/// <typeparam name="T">The value the change returns: a stream configuration or a stream status.</typeparam>
public sealed class SsfUpdateResult<T>
    where T : class
{
    /// <summary>Creates the result of a 200 answer (<paramref name="value"/> set) or of a 202 answer (<see langword="null"/>).</summary>
    /// <param name="value">The value after the change, or <see langword="null"/> while pending.</param>
    internal SsfUpdateResult(T? value) => Value = value;

    /// <summary>The transmitter accepted the change but has not processed it yet (202); <see cref="Value"/> is <see langword="null"/>.</summary>
    [MemberNotNullWhen(false, nameof(Value))]
    public bool IsPending => Value is null;

    /// <summary>The value after the change (200), or <see langword="null"/> while <see cref="IsPending"/>.</summary>
    public T? Value { get; }

    /// <inheritdoc/>
    public override string ToString() => IsPending ? "pending (202)" : $"applied: {Value}";
}
