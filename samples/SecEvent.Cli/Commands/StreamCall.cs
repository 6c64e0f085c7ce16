namespace SecEvent.Cli.Commands;

/// <summary>What one <c>secevent stream</c> command was given.</summary>
/// <param name="Issuer">The transmitter's issuer.</param>
/// <param name="Authorization">The Authorization value, if any.</param>
/// <param name="StreamId">The <c>--stream-id</c>, if any.</param>
/// <param name="Body">The <c>--in</c> text, if any.</param>
/// <param name="AllowHttp">Whether plain http is allowed.</param>
internal sealed record StreamCall(Uri Issuer, string? Authorization, string? StreamId, string? Body, bool AllowHttp);
