namespace SecEvent.Delivery.Ssf;

/// <summary>The checks on each successful answer's body.</summary>
public sealed partial class SsfStreamClient
{
    private SsfStreamConfiguration ReadConfiguration(SsfStreamOperation operation, Answer answer, string? streamId)
    {
        if (!SsfStreamConfiguration.TryParse(RequireJson(operation, answer), out var configuration, out var error))
        {
            throw Invalid(operation, answer, $"a malformed stream configuration: {error}");
        }

        CheckConfiguration(operation, answer, configuration, streamId);
        return configuration;
    }

    /// <summary>§8.1.1.1, §8.1.1.2: the receiver MUST check <c>iss</c>, and SHOULD check <c>aud</c>.</summary>
    private void CheckConfiguration(SsfStreamOperation operation, Answer answer, SsfStreamConfiguration configuration, string? streamId)
    {
        if (!SsfDiscovery.SameIssuer(configuration.Issuer, Metadata.Issuer))
        {
            throw new SsfStreamException(operation, SsfStreamFailure.IssuerMismatch, $"{answer.Host} answered with a stream of another issuer, {configuration.Issuer}, not {Metadata.Issuer} (OpenID SSF 1.0 §8.1.1).", answer.Status);
        }

        if (streamId is not null && !string.Equals(configuration.StreamId, streamId, StringComparison.Ordinal))
        {
            throw Invalid(operation, answer, "the configuration of another stream than the one asked about");
        }

        if (_options.ExpectedAudience is { } audience && !configuration.Audience.Contains(audience, StringComparer.Ordinal))
        {
            throw new SsfStreamException(operation, SsfStreamFailure.AudienceMismatch, $"{answer.Host} answered with a stream whose aud does not hold {audience} (OpenID SSF 1.0 §8.1.1.1).", answer.Status);
        }
    }

    private static SsfStreamStatus ReadStatus(SsfStreamOperation operation, Answer answer, string streamId)
    {
        if (!SsfStreamStatus.TryParse(RequireJson(operation, answer), out var status, out var error))
        {
            throw Invalid(operation, answer, $"a malformed stream status: {error}");
        }

        if (!string.Equals(status.StreamId, streamId, StringComparison.Ordinal))
        {
            throw Invalid(operation, answer, "the status of another stream than the one asked about");
        }

        return status;
    }

    private static ReadOnlySpan<byte> RequireJson(SsfStreamOperation operation, Answer answer) =>
        string.Equals(answer.MediaType, SsfStreamJson.MediaType, StringComparison.OrdinalIgnoreCase)
            ? answer.Body
            : throw Invalid(operation, answer, "a body that is not application/json");

    private static SsfStreamException Invalid(SsfStreamOperation operation, Answer answer, string what) =>
        new(operation, SsfStreamFailure.InvalidResponse, $"{answer.Host} answered with {what}.", answer.Status);
}
