namespace SecEvent.Delivery.Ssf;

/// <summary>What the transmitter's authorization hook is asked about: the credential presented and the operation.</summary>
/// <param name="Authorization">The <c>Authorization</c> header, or <see langword="null"/> without one.</param>
/// <param name="Operation">The stream management operation, or <see langword="null"/> for a poll request.</param>
public sealed record SsfAuthorizationContext(string? Authorization, SsfStreamOperation? Operation)
{
    /// <inheritdoc/>
    public override string ToString() => $"operation={Operation?.ToString() ?? "poll"} authorization={(Authorization is null ? "absent" : "present")}";
}
