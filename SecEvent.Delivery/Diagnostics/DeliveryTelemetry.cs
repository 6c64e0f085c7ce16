using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SecEvent.Delivery.Diagnostics;

/// <summary>
/// The package's one <see cref="Meter"/> and one <see cref="ActivitySource"/>, both named <c>SecEvent.Delivery</c>.
/// Instruments use OpenTelemetry-style lower-case dotted names with units; tags are bounded (outcome, <c>err</c> code,
/// status class, endpoint host), never a <c>jti</c> or a token.
/// </summary>
internal static class DeliveryTelemetry
{
    public const string Name = "SecEvent.Delivery";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);
}
