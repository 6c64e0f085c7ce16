using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Tokens;
using SecEvent.Tokens.Events.OAuth;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Revocation;

/// <summary>Builds one signed token-revoked SET (OAuth Event Types 1.0 §3.2) for a revoked token.</summary>
internal sealed class RevocationNotices(SecurityEventTokenHandler handler, SigningCredentials credentials, string issuer)
{
    /// <summary>The identifier algorithm: the token itself never leaves the server, only its SHA-256, base64url-encoded.</summary>
    public const string TokenIdentifierAlgorithm = "hash_sha256";

    public string Create(IssuedToken token, OAuthTokenRevocationReason reason) => handler.CreateToken(new SecurityEventTokenDescriptor
    {
        // The draft predates RFC 9493: its subject sits in the event, so the RFC 8417 profile applies, not SSF.
        Profile = SecurityEventProfile.Rfc8417,
        Issuer = issuer,
        Audiences = [token.ClientId], // OAuth Event Types 1.0 §1: aud SHOULD be the client_id.
        Events =
        [
            new OAuthTokenRevoked
            {
                Subject = new OAuthTokenSubject
                {
                    TokenType = token.Type,
                    TokenIdentifierAlgorithm = TokenIdentifierAlgorithm,
                    Token = Identify(token.Value),
                },
                TokenSubject = new IssuerSubjectIdentifier { Issuer = issuer, Subject = token.UserId },
                Reason = reason,
            },
        ],
        SigningCredentials = credentials,
    });

    public static string Identify(string token) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
