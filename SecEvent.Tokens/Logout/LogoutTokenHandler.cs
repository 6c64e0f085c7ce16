namespace SecEvent.Tokens.Logout;

/// <summary>
/// Creates (OP side) and validates (RP side) OpenID Connect Back-Channel Logout 1.0 Logout Tokens, without the caller
/// having to know the Security Event Token machinery beneath them. Immutable and thread-safe: keep one instance.
/// </summary>
/// <remarks>
/// Tokens are written and read under <see cref="SecurityEventProfile.BackChannelLogout"/> by a
/// <see cref="SecurityEventTokenHandler"/>: strict JSON, keys only from the parameters, never <c>alg: none</c>.
/// </remarks>
public sealed class LogoutTokenHandler
{
    private readonly SecurityEventTokenHandler _handler;

    /// <summary>Creates a handler on the system clock.</summary>
    public LogoutTokenHandler()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Creates a handler.</summary>
    /// <param name="timeProvider">The clock for <c>iat</c>, <c>exp</c> and the time checks.</param>
    public LogoutTokenHandler(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _handler = new SecurityEventTokenHandler(timeProvider);
    }

    /// <summary>The clock for <c>iat</c>, <c>exp</c> and the time checks.</summary>
    public TimeProvider TimeProvider => _handler.TimeProvider;

    /// <summary>Creates a signed Logout Token in compact serialization (Back-Channel Logout 1.0 §2.4).</summary>
    /// <param name="descriptor">The claims and the signing key.</param>
    /// <returns>The compact JWS, typed <c>logout+jwt</c>, to post as the <c>logout_token</c> parameter (§2.5).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="descriptor"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An additional claim is <c>sid</c> or another claim with a descriptor property, or has an unsupported value type.</exception>
    /// <exception cref="SecurityEventTokenException">
    /// The token would not be a valid Logout Token (no <c>iss</c>, no <c>aud</c>, neither <c>sub</c> nor <c>sid</c>, an empty
    /// value, <c>exp</c> not after <c>iat</c>, a <c>nonce</c>; code <c>invalid_request</c>), or there is no key or it cannot
    /// sign (code <c>invalid_key</c>): Logout Tokens MUST be signed (§2.4).
    /// </exception>
    public string CreateToken(LogoutTokenDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var issuedAt = descriptor.IssuedAt ?? new NumericDate(TimeProvider.GetUtcNow().ToUnixTimeSeconds());
        var expiration = descriptor.Expiration ?? new NumericDate(decimal.Truncate(issuedAt.Seconds) + (decimal)descriptor.Lifetime.TotalSeconds);
        if (expiration <= issuedAt)
        {
            throw new SecurityEventTokenException(SecurityEventError.Request("The 'exp' claim must be later than 'iat' (Back-Channel Logout 1.0 §2.4)."));
        }

        if (descriptor.Audiences.Any(string.IsNullOrEmpty))
        {
            throw new SecurityEventTokenException(SecurityEventError.Request("Each 'aud' value must be a non-empty client_id (Back-Channel Logout 1.0 §2.4)."));
        }

        var set = new SecurityEventTokenDescriptor
        {
            Profile = SecurityEventProfile.BackChannelLogout,
            Issuer = descriptor.Issuer,
            Audiences = [.. descriptor.Audiences],
            Subject = descriptor.Subject,
            JwtId = descriptor.JwtId,
            IssuedAt = issuedAt,
            Expiration = expiration,
            Events = [descriptor.Event ?? new BackChannelLogoutEvent()],
            SigningCredentials = descriptor.SigningCredentials,
            EncryptingCredentials = descriptor.EncryptingCredentials,
        };

        foreach (var (name, value) in descriptor.AdditionalClaims)
        {
            if (name == SecurityEventClaimNames.SessionId)
            {
                throw new ArgumentException("Set the 'sid' claim through LogoutTokenDescriptor.SessionId.", nameof(descriptor));
            }

            set.AdditionalClaims[name] = value;
        }

        if (descriptor.SessionId is not null)
        {
            set.AdditionalClaims[SecurityEventClaimNames.SessionId] = descriptor.SessionId;
        }

        return _handler.CreateToken(set);
    }

    /// <summary>
    /// Validates a Logout Token in the order of Back-Channel Logout 1.0 §2.6: signature and algorithm as for ID Tokens
    /// (never <c>alg: none</c>), <c>iss</c>, <c>aud</c>, <c>iat</c> and <c>exp</c>, <c>sub</c> and/or <c>sid</c>, the
    /// <c>events</c> member, no <c>nonce</c>, then, when configured, the <c>jti</c> replay check.
    /// Never throws for bad input.
    /// </summary>
    /// <param name="token">The compact serialization, exactly as received in <c>logout_token</c>.</param>
    /// <param name="parameters">What this RP accepts.</param>
    /// <param name="cancellationToken">Cancels key resolution and the replay check.</param>
    /// <returns>The validated token, or the error to answer 400 with (§2.8).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">No issuer or no audience is configured.</exception>
    /// <remarks>
    /// Claims the library does not understand are ignored (§2.4); <c>typ</c> may be absent, <c>JWT</c> or <c>logout+jwt</c>
    /// unless <see cref="LogoutTokenValidationParameters.RequireExplicitType"/> is set (§4.1). Matching <c>iss</c>,
    /// <c>sub</c> and <c>sid</c> against the session's ID Token (§2.6 steps 9–11) is left to the logout itself (§2.7).
    /// Error descriptions never contain the token.
    /// </remarks>
    public async ValueTask<LogoutTokenValidationResult> ValidateTokenAsync(
        string token,
        LogoutTokenValidationParameters parameters,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var result = await _handler.ValidateTokenAsync(token, Translate(parameters), cancellationToken).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return Fail(result.Error.Description);
        }

        var set = result.Token;
        if (parameters.RequireExplicitType && !IsLogoutType(set.Type))
        {
            return Fail("The 'typ' header parameter must be 'logout+jwt' (Back-Channel Logout 1.0 §2.4, §4.1).");
        }

        foreach (var audience in set.Audiences)
        {
            if (!parameters.ValidAudiences.Contains(audience))
            {
                return Fail("The token's audience includes a value this RP does not trust (OpenID Connect Core 1.0 §3.1.3.7).");
            }
        }

        if (set.GetEvent<BackChannelLogoutEvent>() is not { } logoutEvent)
        {
            return Fail("A logout token's 'events' must contain 'http://schemas.openid.net/event/backchannel-logout' (Back-Channel Logout 1.0 §2.4).");
        }

        // The profile has already refused a 'sid' that is not a non-empty string.
        var sessionId = set.TryGetClaim(SecurityEventClaimNames.SessionId, out var sid) ? sid.GetString() : null;

        if (parameters.ReplayCache is { } replayCache)
        {
            var keepUntil = NumericDate.TryCreate(set.Expiration!.Value.Seconds + (decimal)parameters.ClockSkew.TotalSeconds, out var until)
                ? until
                : set.Expiration;
            if (!await replayCache.TryAddAsync(set.Issuer, set.JwtId, keepUntil, cancellationToken).ConfigureAwait(false))
            {
                return Fail("A logout token with this 'iss' and 'jti' was received before (replay, Back-Channel Logout 1.0 §2.6).");
            }
        }

        return LogoutTokenValidationResult.Success(new LogoutToken(set, sessionId, logoutEvent));
    }

    private static SecurityEventTokenValidationParameters Translate(LogoutTokenValidationParameters parameters)
    {
        if (parameters.ValidIssuers.Count == 0)
        {
            throw new InvalidOperationException("ValidIssuers is empty: configure the OP Issuer Identifiers whose Logout Tokens this RP accepts.");
        }

        if (parameters.ValidAudiences.Count == 0)
        {
            throw new InvalidOperationException("ValidAudiences is empty: configure this RP's client_id.");
        }

        return new SecurityEventTokenValidationParameters
        {
            Profile = SecurityEventProfile.BackChannelLogout,
            ValidIssuers = parameters.ValidIssuers,
            ValidAudiences = parameters.ValidAudiences,
            SigningKeys = parameters.SigningKeys,
            SigningKeySet = parameters.SigningKeySet,
            SigningKeyResolver = parameters.SigningKeyResolver,
            ValidAlgorithms = parameters.ValidAlgorithms,
            AllowUnsecuredTokens = false,
            ClockSkew = parameters.ClockSkew,
            MaximumTokenAge = parameters.MaximumTokenAge,
            MaximumTokenSize = parameters.MaximumTokenSize,
            DecryptionKeys = parameters.DecryptionKeys,
            RequireEncryption = parameters.RequireEncryption,
        };
    }

    // RFC 7515 §4.1.9: compared case-insensitively; "application/" may be omitted.
    private static bool IsLogoutType(string? typ)
    {
        if (typ is null)
        {
            return false;
        }

        var value = typ.StartsWith("application/", StringComparison.OrdinalIgnoreCase) ? typ.AsSpan("application/".Length) : typ.AsSpan();
        return value.Equals(SecurityEventTokenTypes.LogoutJwt, StringComparison.OrdinalIgnoreCase);
    }

    private static LogoutTokenValidationResult Fail(string description) =>
        LogoutTokenValidationResult.Failure(LogoutError.Request(description));
}
