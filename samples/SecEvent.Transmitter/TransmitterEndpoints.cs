using Microsoft.IdentityModel.Tokens;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Poll;
using SecEvent.Tokens;
using SecEvent.Tokens.Events.Caep;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Transmitter;

/// <summary>
/// The transmitter's own API: raise a signal for a push receiver or a poll stream, publish the signing keys, and look after
/// the outbox (size, dead letters, re-drive).
/// </summary>
internal static class TransmitterEndpoints
{
    public const string Issuer = "https://tr.example.com";

    public static void MapTransmitter(this IEndpointRouteBuilder routes, SigningCredentials signing, Receivers receivers, PollStreams streams, PollTransmitter poll)
    {
        var handler = new SecurityEventTokenHandler();
        string SessionRevoked(string recipient, string email) => handler.CreateToken(new SecurityEventTokenDescriptor
        {
            Profile = SecurityEventProfile.SharedSignals,
            Issuer = Issuer,
            Audiences = [$"https://{recipient}.example.com"],
            SubjectId = new EmailSubjectIdentifier { Email = email },
            Events = [new CaepSessionRevoked { InitiatingEntity = CaepInitiatingEntity.Policy }],
            SigningCredentials = signing,
        });

        // outbox-enqueue:begin
        routes.MapPost("/receivers/{name}/session-revoked", async (string name, SessionRevokedRequest body, ISecurityEventOutbox outbox, CancellationToken cancellationToken) =>
        {
            if (!receivers.Contains(name) || string.IsNullOrEmpty(body.Email))
            {
                return Results.BadRequest();
            }

            // Durable once this returns: the dispatcher delivers it through outages and restarts.
            var ids = await outbox.EnqueueAsync([new OutboxItem(SessionRevoked(name, body.Email), name)], cancellationToken);
            return Results.Accepted(value: new { id = ids[0] });
        });
        // outbox-enqueue:end

        // poll-publish:begin
        routes.MapPost("/streams/{stream}/session-revoked", async (string stream, SessionRevokedRequest body, CancellationToken cancellationToken) =>
        {
            if (!streams.Contains(stream) || string.IsNullOrEmpty(body.Email))
            {
                return Results.BadRequest();
            }

            // Kept until the recipient acknowledges it; a long poll waiting on this stream is answered at once.
            var ids = await poll.PublishAsync(stream, [SessionRevoked(stream, body.Email)], cancellationToken);
            return Results.Accepted(value: new { id = ids[0] });
        });
        // poll-publish:end

        // The public half of the signing key, for recipients to verify SETs with (JwksKeySource).
        var jwks = PublicJwks.Serialize(signing.Key);
        routes.MapGet("/jwks", () => Results.Text(jwks, "application/jwk-set+json"));

        routes.MapGet("/outbox", async (ISecurityEventOutbox outbox, CancellationToken cancellationToken) =>
            Results.Ok(await outbox.GetStatisticsAsync(cancellationToken)));

        routes.MapGet("/outbox/dead-letters", async (ISecurityEventOutbox outbox, long? after, CancellationToken cancellationToken) =>
            Results.Ok((await outbox.ListDeadLettersAsync(100, after, cancellationToken)).Select(d => new
            {
                d.Id,
                d.Jti,
                d.Destination,
                d.Reason,
                d.AttemptCount,
                d.DeadAt,
            })));

        routes.MapPost("/outbox/dead-letters/{id:long}/redrive", async (long id, ISecurityEventOutbox outbox, TimeProvider time, CancellationToken cancellationToken) =>
            await outbox.RedriveAsync([id], time.GetUtcNow(), cancellationToken) == 1 ? Results.Ok() : Results.NotFound());
    }
}

/// <summary>The body of a session-revoked signal.</summary>
/// <param name="Email">The subject whose sessions were revoked.</param>
internal sealed record SessionRevokedRequest(string? Email);
