using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using SecEvent.Delivery.Outbox;
using SecEvent.Tokens.Events.OAuth;

namespace SecEvent.Revocation;

/// <summary>
/// The RFC 7009 revocation endpoint: authenticates the client, revokes the token (and, for a refresh token, the access
/// tokens of its grant), and queues one token-revoked SET per revoked token.
/// </summary>
internal sealed class RevocationEndpoint(TokenStore store, IReadOnlyDictionary<string, string> clientSecrets, RevocationNotices notices, ISecurityEventOutbox outbox)
{
    public async Task<IResult> HandleAsync(HttpRequest request)
    {
        // RFC 7009 §2.1: the client authenticates as at the token endpoint; here with HTTP Basic (RFC 6749 §2.3.1).
        if (Authenticate(request.Headers.Authorization) is not { } clientId)
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"revocation\"";
            return Results.Json(new { error = "invalid_client" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        if (!request.HasFormContentType)
        {
            return Results.Json(new { error = "invalid_request", error_description = "The body must be application/x-www-form-urlencoded." }, statusCode: 400);
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        if (form["token"] is not [{ Length: > 0 } value])
        {
            return Results.Json(new { error = "invalid_request", error_description = "Exactly one 'token' parameter is required." }, statusCode: 400);
        }

        // §2.2: an unknown or already revoked token is not an error; the answer is the same 200, so it reveals nothing.
        if (store.Find(value) is not { } token)
        {
            return Results.Ok();
        }

        // §2.1: the token must have been issued to the client that asks.
        if (token.ClientId != clientId)
        {
            return Results.Json(new { error = "invalid_request", error_description = "The token was not issued to this client." }, statusCode: 400);
        }

        // revocation-notices:begin
        // One token-revoked SET per revoked token (the refresh token and its grant's access tokens), queued for the
        // client's push endpoint: durable once EnqueueAsync returns, delivered by the dispatcher through outages.
        var sets = store.Revoke(token).Select(revoked => new OutboxItem(notices.Create(revoked, OAuthTokenRevocationReason.Api), destination: revoked.ClientId));
        await outbox.EnqueueAsync([.. sets], CancellationToken.None); // the tokens are revoked now: their notices must not be lost with the request
        // revocation-notices:end

        return Results.Ok();
    }

    private string? Authenticate(string? authorization)
    {
        if (!AuthenticationHeaderValue.TryParse(authorization, out var header) || !"Basic".Equals(header.Scheme, StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return null;
        }

        Span<byte> decoded = stackalloc byte[256];
        if (!Convert.TryFromBase64String(header.Parameter, decoded, out var length))
        {
            return null;
        }

        var pair = Encoding.UTF8.GetString(decoded[..length]);
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !clientSecrets.TryGetValue(Uri.UnescapeDataString(pair[..colon]), out var secret))
        {
            return null;
        }

        var given = Encoding.UTF8.GetBytes(Uri.UnescapeDataString(pair[(colon + 1)..]));
        return CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(secret)) ? Uri.UnescapeDataString(pair[..colon]) : null;
    }
}
