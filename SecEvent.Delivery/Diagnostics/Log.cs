namespace SecEvent.Delivery.Diagnostics;

/// <summary>
/// The package's log messages, one <c>[LoggerMessage]</c> method each with a fixed event id. Push client messages use
/// ids 1000–1999, push receiver messages 2000–2999, key source messages 3000–3999, outbox messages 4000–4999,
/// poll transmitter messages 5000–5099, poll client messages 5100–5199,
/// SSF discovery messages 6000–6049, SSF stream management client messages 6050–6099
/// SSF stream event messages 6100–6149 and SSF transmitter messages 6200–6299. Messages carry <c>jti</c>, <c>iss</c>,
/// event types and endpoint hosts — never a SET, a key or an <c>Authorization</c> value.
/// </summary>
internal static partial class Log;
