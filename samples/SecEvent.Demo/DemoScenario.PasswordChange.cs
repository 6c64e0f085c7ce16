using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SecEvent.Revocation;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Events.Caep;
using SecEvent.Tokens.Events.OAuth;
using SecEvent.Tokens.Events.Risc;
using SecEvent.Tokens.Logout;

namespace SecEvent.Demo;

/// <summary>
/// The story: Jane changes her password at the OAuth server, which tells the relying party everything that follows from
/// it — through both streams — and logs her session out through Back-Channel Logout.
/// </summary>
internal sealed partial class DemoScenario
{
    private async Task PasswordChangeAsync()
    {
        timeline.Phase($"A password change at the OAuth server, for {Jane.Email}");
        Transmitter.Tokens.Add(new IssuedToken("rt-laptop-5c1e", OAuthTokenType.RefreshToken, DemoCredentials.ClientId, Jane.Email, "grant-laptop"));
        Transmitter.Tokens.Add(new IssuedToken("rt-phone-9a07", OAuthTokenType.RefreshToken, DemoCredentials.ClientId, Jane.Email, "grant-phone"));

        await PublishToBothAsync(new CaepCredentialChange { CredentialType = CaepCredentialTypes.Password, ChangeType = CaepChangeType.Update }, "password-change");
        await PublishToBothAsync(new CaepSessionRevoked { InitiatingEntity = CaepInitiatingEntity.Policy }, "password-change");
        await PublishToBothAsync(new RiscAccountDisabled { Reason = RiscAccountDisabledReason.Hijacking }, "password-change");

        // The relying party's client revokes the refresh tokens it holds (RFC 7009); each revocation becomes a token-revoked SET.
        using var revoke = new HttpClient { BaseAddress = Transmitter.Address, Timeout = TimeSpan.FromSeconds(30) };
        revoke.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{DemoCredentials.ClientId}:{DemoCredentials.ClientSecret}")));
        var answers = new List<HttpStatusCode>();
        foreach (var token in new[] { "rt-laptop-5c1e", "rt-phone-9a07" })
        {
            using var answer = await revoke.PostAsync("/revoke", new FormUrlEncodedContent([new("token", token), new("token_type_hint", "refresh_token")]));
            answers.Add(answer.StatusCode);
            timeline.Step("rp", $"RFC 7009 revocation of refresh token {token[..8]}…: {(int)answer.StatusCode}");
            _expectedPerStream++;
        }

        timeline.Expect("both refresh tokens are revoked through RFC 7009 (200 each)", answers.All(s => s == HttpStatusCode.OK),
            string.Join(", ", answers.Select(s => (int)s)));

        var types = new[] { CaepEventTypes.CredentialChange, CaepEventTypes.SessionRevoked, RiscEventTypes.AccountDisabled, OAuthEventTypes.TokenRevoked };
        foreach (var (name, sets) in new[] { ("push", PushSets), ("poll", PollSets) })
        {
            var arrived = await EventuallyAsync(() => sets.Signals.Count >= _expectedPerStream);
            var signals = sets.Signals;
            timeline.Expect($"{name} stream: credential-change, session-revoked, account-disabled and two token-revoked arrive",
                arrived && types.All(t => signals.Any(a => a.EventType == t)) && signals.Count(a => a.EventType == OAuthEventTypes.TokenRevoked) == 2,
                $"{signals.Count} of {_expectedPerStream}: {string.Join(", ", signals.Select(a => ReceivedSets.ShortName(a.EventType)))}");
        }

        await BackChannelLogoutAsync();
    }

    /// <summary>OpenID Connect Back-Channel Logout 1.0 §2.5: the OP POSTs a Logout Token as a form to the RP (BCL-07).</summary>
    private async Task BackChannelLogoutAsync()
    {
        var logoutToken = new LogoutTokenHandler().CreateToken(new LogoutTokenDescriptor
        {
            Issuer = Transmitter.Issuer,
            Audiences = [DemoCredentials.ClientId],
            Subject = Jane.Email,
            SessionId = "sid-laptop-1",
            Event = new BackChannelLogoutEvent(),
            SigningCredentials = Transmitter.Signing,
        });
        using var form = new StringContent(BackChannelLogoutRequest.CreateBody(logoutToken), Encoding.UTF8, BackChannelLogoutRequest.MediaType);
        using var answer = await _http.PostAsync(Rp.LogoutEndpoint, form);
        timeline.Step("transmitter", $"POSTed a Logout Token as a form to {Rp.LogoutEndpoint}: {(int)answer.StatusCode}");
        timeline.Expect("the Back-Channel Logout token is accepted and validated by the relying party (BCL-07)",
            answer.StatusCode == HttpStatusCode.OK && Rp.LoggedOut.Contains("sid-laptop-1"),
            $"{(int)answer.StatusCode}, sessions logged out: {string.Join(", ", Rp.LoggedOut)}");
    }

    /// <summary>Publishes an event about Jane; both streams are expected to carry it.</summary>
    private async Task PublishToBothAsync(SecurityEvent securityEvent, string label)
    {
        var result = await Transmitter.PublishAsync(securityEvent, Jane, label);
        _expectedPerStream++;
        timeline.Step("transmitter", $"published {ReceivedSets.ShortName(securityEvent.EventType)} (txn {label}): queued on {result.Queued} stream(s), held on {result.Held}");
    }
}
