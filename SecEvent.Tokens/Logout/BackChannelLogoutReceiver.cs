namespace SecEvent.Tokens.Logout;

/// <summary>
/// The RP's back-channel logout endpoint, without any HTTP framework (OpenID Connect Back-Channel Logout 1.0 §2.5–§2.8):
/// give it the request's content type and body, and write back the <see cref="BackChannelLogoutResponse"/> it returns.
/// Immutable and thread-safe once constructed.
/// </summary>
/// <remarks>
/// Route only <c>POST</c> requests here (§2.5). The receiver checks the content type, reads <c>logout_token</c> from the form
/// body, validates it (§2.6) and calls the logout callback with the validated <see cref="LogoutToken"/>. The callback logs
/// out every session the token names (§2.7) and returns <see langword="null"/> on success — also when the user was already
/// logged out, which counts as success (§2.7) — or a <see cref="LogoutError"/> when the logout failed. Any failure is a 400
/// (§2.8); error descriptions never contain the token.
/// </remarks>
public sealed class BackChannelLogoutReceiver
{
    private readonly LogoutTokenHandler _handler;
    private readonly LogoutTokenValidationParameters _parameters;
    private readonly Func<LogoutToken, CancellationToken, ValueTask<LogoutError?>> _logout;
    private readonly int _maximumBodySize = BackChannelLogoutRequest.DefaultMaximumBodySize;

    /// <summary>Creates a receiver.</summary>
    /// <param name="handler">Validates the Logout Tokens.</param>
    /// <param name="parameters">What this RP accepts (§2.6).</param>
    /// <param name="logout">
    /// Logs out the sessions a validated token names (§2.7); returns <see langword="null"/> on success or when there was
    /// nothing left to log out, or the error to answer 400 with. An exception it throws is answered with 400 too (§2.8) and
    /// kept in <see cref="BackChannelLogoutResponse.Exception"/>, unless it is a cancellation of the request.
    /// </param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public BackChannelLogoutReceiver(
        LogoutTokenHandler handler,
        LogoutTokenValidationParameters parameters,
        Func<LogoutToken, CancellationToken, ValueTask<LogoutError?>> logout)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(logout);
        _handler = handler;
        _parameters = parameters;
        _logout = logout;
    }

    /// <summary>The largest request body accepted, in bytes; the host should stop reading one byte past it.</summary>
    /// <value>The default value is <see cref="BackChannelLogoutRequest.DefaultMaximumBodySize"/> (64 KiB).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaximumBodySize
    {
        get => _maximumBodySize;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maximumBodySize = value;
        }
    }

    /// <summary>Handles one Back-Channel Logout request (§2.5–§2.8).</summary>
    /// <param name="contentType">The request's <c>Content-Type</c> header, or <see langword="null"/> when absent.</param>
    /// <param name="body">The request body.</param>
    /// <param name="cancellationToken">Cancels key resolution, the replay check and the logout callback.</param>
    /// <returns>200 with <c>Cache-Control: no-store</c> on success; otherwise 400 with the JSON error body (§2.8).</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask<BackChannelLogoutResponse> ReceiveAsync(string? contentType, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        if (!BackChannelLogoutRequest.IsFormContentType(contentType))
        {
            return Refuse("The request's content type must be application/x-www-form-urlencoded (Back-Channel Logout 1.0 §2.5).");
        }

        if (!BackChannelLogoutRequest.TryReadLogoutToken(body.Span, out var token, out var formError, MaximumBodySize))
        {
            return Refuse(formError);
        }

        var result = await _handler.ValidateTokenAsync(token, _parameters, cancellationToken).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return BackChannelLogoutResponse.Failure(result.Error);
        }

        LogoutError? failure;
        try
        {
            failure = await _logout(result.Token, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // §2.8: a logout that failed for any reason is answered with 400, never 500; the exception is kept for the host to log.
            return BackChannelLogoutResponse.Failure(LogoutError.Request("The logout could not be completed (Back-Channel Logout 1.0 §2.8)."), ex);
        }

        return failure is null ? BackChannelLogoutResponse.Success : BackChannelLogoutResponse.Failure(failure);
    }

    private static BackChannelLogoutResponse Refuse(string description) =>
        BackChannelLogoutResponse.Failure(LogoutError.Request(description));
}
