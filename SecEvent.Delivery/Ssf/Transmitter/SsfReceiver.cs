namespace SecEvent.Delivery.Ssf;

/// <summary>
/// A receiver as the transmitter's authorization hook identifies it (OpenID SSF 1.0 §8: the authorization MUST bind the
/// receiver to its stream ids and <c>aud</c> values). Its streams carry <see cref="Audiences"/> as their <c>aud</c>, and
/// no other receiver may read, change or receive them.
/// </summary>
/// <param name="Id">A stable identifier of the receiver, such as its OAuth client id.</param>
/// <param name="Audiences">The <c>aud</c> values of the receiver's streams and SETs; at least one.</param>
public sealed record SsfReceiver(string Id, IReadOnlyList<string> Audiences)
{
    /// <summary>Checks that the receiver can own streams.</summary>
    /// <exception cref="ArgumentException">The id is empty, or there is no audience, or an audience is empty.</exception>
    internal void EnsureUsable()
    {
        ArgumentException.ThrowIfNullOrEmpty(Id, nameof(Id));
        ArgumentNullException.ThrowIfNull(Audiences, nameof(Audiences));
        if (Audiences.Count == 0 || Audiences.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("A receiver needs at least one non-empty audience.", nameof(Audiences));
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"receiver={Id}";
}
