using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Tokens.Encryption;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Jose;
using SecEvent.Tokens.Validation;

namespace SecEvent.Tokens;

public sealed partial class SecurityEventTokenHandler
{
    /// <summary>
    /// Validates a compact Security Event Token: its form, signature, issuer, audience, profile and times.
    /// Never throws for bad input: the result carries the RFC 8935 <c>err</c> code to answer with.
    /// </summary>
    /// <param name="token">The compact serialization, exactly as received.</param>
    /// <param name="parameters">What this receiver accepts.</param>
    /// <param name="cancellationToken">Cancels key resolution and replay checks.</param>
    /// <returns>The validated token, or the error.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The parameters are inconsistent (for example, the issuer is checked but none is configured).</exception>
    /// <remarks>
    /// Errors are reported in this order: form (<c>invalid_request</c>), algorithm, key and signature (<c>invalid_key</c>),
    /// issuer (<c>invalid_issuer</c>), audience (<c>invalid_audience</c>), then profile, time, event and replay
    /// rules (<c>invalid_request</c>). Descriptions never contain the token.
    /// </remarks>
    public ValueTask<SecurityEventTokenValidationResult> ValidateTokenAsync(
        string token,
        SecurityEventTokenValidationParameters parameters,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.EnsureUsable();
        cancellationToken.ThrowIfCancellationRequested();

        if (!string.IsNullOrEmpty(token) && token.Length <= parameters.MaximumTokenSize && CompactJwe.LooksEncrypted(token))
        {
            return ValidateEncryptedAsync(token, parameters, cancellationToken);
        }

        return parameters.RequireEncryption && !string.IsNullOrEmpty(token)
            ? ValueTask.FromResult(Fail(SecurityEventError.Request("This receiver accepts only encrypted SETs (a JWE around the signed SET, RFC 8417 §5.1).")))
            : ValidateSignedAsync(token, parameters, cancellationToken);
    }

    /// <summary>Decrypts a Nested JWT with the receiver's keys, then validates the signed SET inside like any other.</summary>
    private async ValueTask<SecurityEventTokenValidationResult> ValidateEncryptedAsync(
        string token, SecurityEventTokenValidationParameters parameters, CancellationToken cancellationToken)
    {
        if (!JweDecryptor.TryDecrypt(token, parameters, out var signedToken, out var header, out var key, out var error))
        {
            return Fail(error);
        }

        var result = await ValidateSignedAsync(signedToken, parameters, cancellationToken, header.Issuer).ConfigureAwait(false);
        return result.IsValid ? result.DecryptedWith(key!) : result;
    }

    /// <summary>Validates a compact JWS: the whole of validation once any encryption is removed.</summary>
    /// <param name="token">The compact JWS.</param>
    /// <param name="parameters">What this receiver accepts.</param>
    /// <param name="cancellationToken">Cancels key resolution and replay checks.</param>
    /// <param name="replicatedIssuer">The <c>iss</c> an enclosing JWE header repeats, checked before any replay cache sees the token.</param>
    private ValueTask<SecurityEventTokenValidationResult> ValidateSignedAsync(
        string token, SecurityEventTokenValidationParameters parameters, CancellationToken cancellationToken, string? replicatedIssuer = null)
    {
        if (!TryRead(token, parameters, out var read, out var error))
        {
            return ValueTask.FromResult(Fail(error));
        }

        // RFC 7519 §5.3: a claim replicated into the JWE header must say what the claim says.
        if (replicatedIssuer is not null && replicatedIssuer != read.Claims.Issuer)
        {
            return ValueTask.FromResult(Fail(SecurityEventError.Request("The JWE header's 'iss' differs from the SET's 'iss' (RFC 7519 §5.3).")));
        }

        // Fixed keys and no replay cache, the common case, complete without any asynchronous machinery.
        return parameters.SigningKeyResolver is null && parameters.ReplayCache is null
            ? ValueTask.FromResult(Judge(read, parameters, CollectStaticKeys(parameters)))
            : ValidateWithAsyncStepsAsync(read, parameters, cancellationToken);
    }

    private async ValueTask<SecurityEventTokenValidationResult> ValidateWithAsyncStepsAsync(
        ReadToken read, SecurityEventTokenValidationParameters parameters, CancellationToken cancellationToken)
    {
        var keys = CollectStaticKeys(parameters);
        // Keys are looked up only for an algorithm the receiver accepts: a malformed token costs no look-up.
        if (parameters.SigningKeyResolver is { } resolver && read.Header.Algorithm != JoseAlgorithm.None
            && CheckAlgorithm(read.Header, parameters, out _) is null)
        {
            var context = new SigningKeyResolutionContext(read.Claims.Issuer, read.Header.KeyId, read.Header.Algorithm);
            var resolved = await resolver(context, cancellationToken).ConfigureAwait(false);
            keys = [.. keys, .. resolved ?? []];
        }

        var result = Judge(read, parameters, keys);
        if (!result.IsValid || parameters.ReplayCache is not { } replayCache)
        {
            return result;
        }

        var claims = read.Claims;
        var first = await replayCache.TryAddAsync(claims.Issuer!, claims.JwtId!, AcceptedUntil(claims.Expiration, parameters.ClockSkew), cancellationToken)
            .ConfigureAwait(false);
        return first ? result : Fail(SecurityEventError.Request("A token with this 'iss' and 'jti' was accepted before (replay)."));
    }

    /// <summary>Form: size, compact serialization, header, <c>typ</c> and the claims' JSON types (<c>invalid_request</c>).</summary>
    private static bool TryRead(string token, SecurityEventTokenValidationParameters parameters, out ReadToken read, [NotNullWhen(false)] out SecurityEventError? error)
    {
        read = default;
        if (string.IsNullOrEmpty(token))
        {
            error = SecurityEventError.Request("The token is empty.");
            return false;
        }

        if (token.Length > parameters.MaximumTokenSize)
        {
            error = SecurityEventError.Request($"The token is longer than {parameters.MaximumTokenSize} characters.");
            return false;
        }

        if (!CompactToken.TryLocate(token, out var compact, out error)
            || !TryReadHeader(compact.Header, parameters.MaximumJsonDepth, out var header, out error)
            || (error = ProfileRules.CheckType(parameters.Profile, header.Type, header.HasType)) is not null
            || !TryReadPayload(compact.Payload, parameters.MaximumJsonDepth, out var payloadJson, out error)
            || !TokenClaims.TryRead(payloadJson, out var claims, out error))
        {
            return false;
        }

        read = new ReadToken(compact, header, payloadJson, claims);
        return true;
    }

    /// <summary>Algorithm and signature, then issuer, audience, profile, times and events, in that order.</summary>
    private SecurityEventTokenValidationResult Judge(in ReadToken read, SecurityEventTokenValidationParameters parameters, IList<SecurityKey> keys)
    {
        var (header, claims) = (read.Header, read.Claims);
        SecurityKey? signingKey = null;
        var error = header.Algorithm == JoseAlgorithm.None
            ? CheckUnsecured(read.Compact, parameters)
            : CheckSignature(read.Compact, header, parameters, keys, out signingKey);

        // A token without 'iss' is malformed (SET-07, invalid_request) rather than from a wrong issuer, so the profile
        // speaks first then; otherwise issuer and audience come before the profile's other rules.
        error ??= (claims.Issuer is null ? ProfileRules.CheckClaims(parameters.Profile, claims) : null)
            ?? CheckIssuerAndAudience(claims, parameters)
            ?? ProfileRules.CheckClaims(parameters.Profile, claims)
            ?? CheckTimes(claims, parameters);
        if (error is not null || !TryReadEvents(claims, parameters.Profile, out var events, out error))
        {
            return Fail(error);
        }

        return SecurityEventTokenValidationResult.Success(new SecurityEventToken(read.PayloadJson, header, claims, events), signingKey);
    }

    private static SecurityEventError? CheckSignature(
        in CompactToken compact, JoseHeader header, SecurityEventTokenValidationParameters parameters, IList<SecurityKey> keys, out SecurityKey? signingKey)
    {
        signingKey = null;
        return CheckAlgorithm(header, parameters, out var algorithm)
            ?? SignatureVerifier.Verify(compact, algorithm!, header.KeyId, keys, out signingKey);
    }

    private static SecurityEventError? CheckAlgorithm(JoseHeader header, SecurityEventTokenValidationParameters parameters, out JoseAlgorithm? algorithm)
    {
        algorithm = JoseAlgorithm.Find(header.Algorithm);
        if (algorithm is null || (parameters.ValidAlgorithms.Count > 0 && !parameters.ValidAlgorithms.Contains(algorithm.Name)))
        {
            return SecurityEventError.Key(algorithm is null
                ? "The token's 'alg' is not a supported JWS algorithm."
                : $"The algorithm {algorithm.Name} is not accepted.");
        }

        return null;
    }

    // The token is accepted until exp + skew, so a replay cache must remember it at least that long.
    private static NumericDate? AcceptedUntil(NumericDate? expiration, TimeSpan skew) =>
        expiration is { } exp && NumericDate.TryCreate(exp.Seconds + (decimal)skew.TotalSeconds, out var until) ? until : expiration;

    private static SecurityEventTokenValidationResult Fail(SecurityEventError error) => SecurityEventTokenValidationResult.Failure(error);

    private static bool TryReadHeader(ReadOnlySpan<char> part, int maxDepth, [NotNullWhen(true)] out JoseHeader? header, [NotNullWhen(false)] out SecurityEventError? error)
    {
        header = null;
        if (!TryDecodePart(part, "JOSE header", out var scratch, out var length, out error))
        {
            return false;
        }

        using (scratch)
        {
            return JoseHeader.TryRead(scratch.Array.AsSpan(0, length), maxDepth, out header, out error);
        }
    }

    private static bool TryReadPayload(ReadOnlySpan<char> part, int maxDepth, out JsonElement json, [NotNullWhen(false)] out SecurityEventError? error)
    {
        const string What = "JWT claims set";
        json = default;
        if (!TryDecodePart(part, What, out var scratch, out var length, out error))
        {
            return false;
        }

        // JsonElement.Parse copies what it keeps, so the scratch buffer can go back at once.
        using (scratch)
        {
            var ok = StrictJson.TryParseObject(scratch.Array.AsSpan(0, length), maxDepth, What, out json, out var problem);
            error = ok ? null : SecurityEventError.Request(problem!);
            return ok;
        }
    }

    /// <summary>Decodes a part into the thread's scratch buffer, which the caller disposes when the decode succeeded.</summary>
    private static bool TryDecodePart(
        ReadOnlySpan<char> part, string what, out ScratchBuffer scratch, out int length, [NotNullWhen(false)] out SecurityEventError? error)
    {
        scratch = ScratchBuffer.First(CompactToken.MaxDecodedLength(part));
        if (CompactToken.TryDecode(part, scratch.Array, out length))
        {
            error = null;
            return true;
        }

        scratch.Dispose();
        error = SecurityEventError.Request($"The {what} is not valid base64url (RFC 7515 §2).");
        return false;
    }

    private static SecurityEventError? CheckUnsecured(in CompactToken compact, SecurityEventTokenValidationParameters parameters)
    {
        // SET-12: unsecured SETs only when the caller vouches for integrity some other way; never logout tokens.
        if (!ProfileRules.PermitsUnsecured(parameters.Profile))
        {
            return SecurityEventError.Key("Logout tokens must be signed; 'alg: none' is never accepted (Back-Channel Logout 1.0 §2.6).");
        }

        if (!parameters.AllowUnsecuredTokens
            || (parameters.ValidAlgorithms.Count > 0 && !parameters.ValidAlgorithms.Contains(JoseAlgorithm.None)))
        {
            return SecurityEventError.Key("Unsecured tokens ('alg: none') are not accepted (RFC 8417 §5.1).");
        }

        return compact.Signature.IsEmpty
            ? null
            : SecurityEventError.Request("An unsecured token must have an empty signature part (RFC 7519 §6.1).");
    }

    private static IList<SecurityKey> CollectStaticKeys(SecurityEventTokenValidationParameters parameters)
    {
        if (parameters.SigningKeySet is not { } set)
        {
            return parameters.SigningKeys; // the common case: no copy
        }

        // JsonWebKeySet.GetSigningKeys() drops 'oct' keys; every key of the set is a candidate here.
        return [.. parameters.SigningKeys, .. set.Keys];
    }

    private static SecurityEventError? CheckIssuerAndAudience(TokenClaims claims, SecurityEventTokenValidationParameters parameters)
    {
        if (parameters.ValidateIssuer && claims.Issuer is not null && !parameters.ValidIssuers.Contains(claims.Issuer))
        {
            return new SecurityEventError(SecurityEventErrorCodes.InvalidIssuer, "The token's issuer is not accepted.");
        }

        if (parameters.ValidateAudience && !claims.Audiences.Any(parameters.ValidAudiences.Contains))
        {
            return new SecurityEventError(SecurityEventErrorCodes.InvalidAudience, claims.HasAudience
                ? "The token's audience does not include this receiver."
                : "The token has no 'aud' claim naming this receiver.");
        }

        return null;
    }

    private SecurityEventError? CheckTimes(TokenClaims claims, SecurityEventTokenValidationParameters parameters)
    {
        if (claims.Expiration is null && claims.NotBefore is null && parameters.MaximumTokenAge is null)
        {
            return null; // Most SETs carry no time claim to judge; skip the clock.
        }

        // Differences of instants always fit a TimeSpan; sums with caller-set spans might not, so compare in 128 bits.
        var now = TimeProvider.GetUtcNow();
        var skew = parameters.ClockSkew;
        if (claims.Expiration is { } exp && Exceeds(now - exp.ToDateTimeOffset(), TimeSpan.Zero, skew, orEqual: true))
        {
            return SecurityEventError.Request("The token has expired ('exp', RFC 7519 §4.1.4).");
        }

        if (claims.NotBefore is { } nbf && Exceeds(nbf.ToDateTimeOffset() - now, TimeSpan.Zero, skew, orEqual: false))
        {
            return SecurityEventError.Request("The token is not valid yet ('nbf', RFC 7519 §4.1.5).");
        }

        if (parameters.MaximumTokenAge is { } maxAge && claims.IssuedAt is { } iat)
        {
            var age = now - iat.ToDateTimeOffset();
            if (Exceeds(-age, TimeSpan.Zero, skew, orEqual: false))
            {
                return SecurityEventError.Request("The token's 'iat' is in the future.");
            }

            if (Exceeds(age, maxAge, skew, orEqual: false))
            {
                return SecurityEventError.Request("The token is older than the maximum age accepted ('iat').");
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="elapsed"/> is beyond <paramref name="limit"/> plus <paramref name="skew"/>.</summary>
    private static bool Exceeds(TimeSpan elapsed, TimeSpan limit, TimeSpan skew, bool orEqual)
    {
        var excess = (Int128)elapsed.Ticks - limit.Ticks - skew.Ticks;
        return orEqual ? excess >= 0 : excess > 0;
    }

    private bool TryReadEvents(TokenClaims claims, SecurityEventProfile profile, out SecurityEvent[] events, [NotNullWhen(false)] out SecurityEventError? error)
    {
        events = new SecurityEvent[claims.EventTypes!.Count];
        var i = 0;
        SecurityEventContext? context = null;
        foreach (var member in claims.Events.EnumerateObject())
        {
            if (EventTypes.Find(member.Name) is not { } entry)
            {
                events[i++] = new UnknownSecurityEvent(member.Name, member.Value);
                continue;
            }

            SecurityEvent model;
            try
            {
                model = entry.Read(member.Value);
            }
            catch (JsonException ex)
            {
                error = SecurityEventError.Request(entry.Describe(ex));
                return false;
            }

            if (model.Validate(context ??= new SecurityEventContext(profile, claims)) is { } problem)
            {
                error = SecurityEventError.Request(problem);
                return false;
            }

            events[i++] = model;
        }

        error = null;
        return true;
    }
}
