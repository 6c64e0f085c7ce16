using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Push;
using SecEvent.Revocation;
using SecEvent.Tokens;
using SecEvent.Tokens.Events.OAuth;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Demo;

/// <summary>
/// The authorization server's RFC 7009 revocation endpoint — samples/SecEvent.Revocation's, unchanged — whose
/// token-revoked notices (one per revoked token, queued in an outbox of their own) this relay takes and hands to the SSF
/// transmitter, so that every stream about the token's user carries them.
/// </summary>
internal sealed class RevocationRelay
{
    private readonly TransmitterHost _host;
    private readonly Timeline _timeline;
    private readonly InMemorySecurityEventOutbox _notices = new();
    private readonly RevocationEndpoint _endpoint;
    private readonly SecurityEventTokenHandler _handler = new();

    public RevocationRelay(TransmitterHost host, Timeline timeline)
    {
        _host = host;
        _timeline = timeline;
        var clients = new Dictionary<string, string>(StringComparer.Ordinal) { [DemoCredentials.ClientId] = DemoCredentials.ClientSecret };
        _endpoint = new RevocationEndpoint(host.Tokens, clients, new RevocationNotices(_handler, host.Signing, host.Issuer), _notices);
    }

    public async Task<IResult> HandleAsync(HttpRequest request)
    {
        var answer = await _endpoint.HandleAsync(request);
        var now = DateTimeOffset.UtcNow;
        var leased = await _notices.LeaseAsync(100, now, TimeSpan.FromMinutes(1), cancellationToken: request.HttpContext.RequestAborted);
        foreach (var notice in leased.Select(m => m.Set))
        {
            // The notice was signed a moment ago by this server; reading it back yields the typed event to relay.
            var read = await _handler.ValidateTokenAsync(notice, new SecurityEventTokenValidationParameters
            {
                Profile = SecurityEventProfile.Rfc8417,
                ValidIssuers = [_host.Issuer],
                ValidAudiences = [DemoCredentials.ClientId],
                SigningKeys = [_host.Signing.Key],
            }, request.HttpContext.RequestAborted);
            if (read.Token?.GetEvent<OAuthTokenRevoked>() is not { } revoked || revoked.TokenSubject is not IssuerSubjectIdentifier { Subject: { } user })
            {
                _timeline.Trouble("transmitter", $"a revocation notice could not be relayed: {read.Error}");
                continue;
            }

            // This server's users are known by their email address, both as sub and as the streams' subject.
            var published = await _host.PublishAsync(revoked, new EmailSubjectIdentifier { Email = user }, "revoked-" + revoked.Subject.Token[..8]);
            _timeline.Step("transmitter", $"RFC 7009: {(revoked.Subject.TokenType == OAuthTokenType.RefreshToken ? "refresh" : "access")} token revoked → token-revoked queued on {published.Queued} stream(s)");
        }

        // Handed over to the SSF transmitter, which queues them per stream: done with here.
        await _notices.SettleAsync([.. leased.Select(m => OutboxSettlement.Delivered(m, new OutboxAttempt(now, PushOutcome.Delivered, null, null, null)))]);
        return answer;
    }
}
