namespace SecEvent.Delivery.Poll;

/// <summary>
/// What the next request reports: the <c>jti</c>s to acknowledge and the SETs that failed validation (RFC 8936 §2.4).
/// Kept until a request carrying them is answered, so a request lost on the way is repeated with the same entries;
/// acknowledging twice is harmless. A <c>jti</c> is in one of the two, never both (§2.4.4).
/// </summary>
/// <remarks>Not thread-safe: the client runs one round at a time.</remarks>
internal sealed class PollAcknowledgements
{
    private readonly OrderedDictionary<string, byte> _acks = new(StringComparer.Ordinal);
    private readonly OrderedDictionary<string, PollSetError> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _acks.Count == 0 && _errors.Count == 0;

    public int Count => _acks.Count + _errors.Count;

    public void Acknowledge(string jti)
    {
        _errors.Remove(jti);
        _acks.TryAdd(jti, 0);
    }

    public void Report(string jti, PollSetError error)
    {
        _acks.Remove(jti);
        _errors[jti] = error;
    }

    /// <summary>What is pending now, to send; the lists are copies.</summary>
    public Pending Take() => new([.. _acks.Keys], new Dictionary<string, PollSetError>(_errors, StringComparer.Ordinal));

    /// <summary>Forgets what a request that the transmitter answered carried; entries changed since stay.</summary>
    public void Settle(Pending sent)
    {
        foreach (var jti in sent.Acknowledgements)
        {
            _acks.Remove(jti);
        }

        foreach (var (jti, error) in sent.Errors)
        {
            if (_errors.TryGetValue(jti, out var current) && ReferenceEquals(current, error))
            {
                _errors.Remove(jti);
            }
        }
    }

    /// <summary>A copy of the pending entries, as one request sends them.</summary>
    public sealed record Pending(IReadOnlyList<string> Acknowledgements, IReadOnlyDictionary<string, PollSetError> Errors)
    {
        public bool IsEmpty => Acknowledgements.Count == 0 && Errors.Count == 0;
    }
}
