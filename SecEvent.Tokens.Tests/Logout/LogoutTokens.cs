using System.Globalization;
using System.Text.Json;
using FluentAssertions;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Logout;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Logout;

/// <summary>Hand-built Logout Tokens (HS256 over exact JSON), descriptors and parameters for the Back-Channel Logout tests.</summary>
internal static class LogoutTokens
{
    public const string Issuer = "https://op.example.com";
    public const string ClientId = "s6BhdRkqt3";
    public const string Subject = "248289761001";
    public const string SessionId = "08a5019c-17e1-4977-8f42-65a12843ea02";

    public static readonly string EventsJson = $"{{{JsonSerializer.Serialize(SecurityEventTypes.BackChannelLogout)}:{{}}}}";

    /// <summary>A valid Logout Token claims set (iss, aud, iat, exp, jti, sub, sid, events) minus <paramref name="without"/>, plus <paramref name="extraMembers"/>.</summary>
    public static string Payload(string? extraMembers = null, params string[] without)
    {
        var members = new List<(string Name, string Json)>
        {
            ("iss", JsonSerializer.Serialize(Issuer)),
            ("aud", JsonSerializer.Serialize(ClientId)),
            ("iat", Some.NowSeconds.ToString(CultureInfo.InvariantCulture)),
            ("exp", (Some.NowSeconds + 120).ToString(CultureInfo.InvariantCulture)),
            ("jti", JsonSerializer.Serialize("bWJq")),
            ("sub", JsonSerializer.Serialize(Subject)),
            ("sid", JsonSerializer.Serialize(SessionId)),
            ("events", EventsJson),
        };
        var kept = members.Where(m => !without.Contains(m.Name)).Select(m => $"\"{m.Name}\":{m.Json}").ToList();
        if (extraMembers is not null)
        {
            kept.Add(extraMembers);
        }

        return "{" + string.Join(",", kept) + "}";
    }

    /// <summary>A JOSE header; <paramref name="typ"/> <see langword="null"/> leaves it out.</summary>
    public static string Header(string? typ = "logout+jwt", string alg = "HS256") => Some.Header(alg, typ);

    /// <summary>An HS256 token over <paramref name="payload"/> (default <see cref="Payload"/>).</summary>
    public static string Hs256(string? payload = null, string? header = null) =>
        RawToken.Sign(header ?? Header(), payload ?? Payload(), Some.HmacKey);

    /// <summary>Parameters that accept <see cref="Hs256"/> tokens.</summary>
    public static LogoutTokenValidationParameters Parameters(Action<LogoutTokenValidationParameters>? configure = null)
    {
        var parameters = new LogoutTokenValidationParameters
        {
            ValidIssuers = [Issuer],
            ValidAudiences = [ClientId],
            SigningKeys = [Some.Symmetric(32)],
            ValidAlgorithms = ["HS256"],
        };
        configure?.Invoke(parameters);
        return parameters;
    }

    /// <summary>An OP descriptor with sub and sid, signed HS256 at <see cref="Some.Now"/>.</summary>
    public static LogoutTokenDescriptor Descriptor() => new()
    {
        Issuer = Issuer,
        Audiences = [ClientId],
        Subject = Subject,
        SessionId = SessionId,
        IssuedAt = Some.Now,
        SigningCredentials = Some.Credentials("HS256"),
    };

    public static LogoutTokenHandler Handler(TimeProvider? time = null) => new(time ?? new ManualTimeProvider(Some.Now));

    public static ValueTask<LogoutTokenValidationResult> ValidateAsync(
        string token, Action<LogoutTokenValidationParameters>? configure = null, TimeProvider? time = null) =>
        Handler(time).ValidateTokenAsync(token, Parameters(configure));

    /// <summary>Asserts acceptance and returns the token.</summary>
    public static LogoutToken ShouldBeAccepted(this LogoutTokenValidationResult result)
    {
        result.Error.Should().BeNull("the token should be accepted, but was refused with {0}", result.Error);
        return result.Token!;
    }

    /// <summary>Asserts refusal with <c>invalid_request</c> and returns the description, which never contains the token.</summary>
    public static string ShouldBeRefused(this LogoutTokenValidationResult result, string token)
    {
        result.IsValid.Should().BeFalse();
        result.Token.Should().BeNull();
        result.Error!.Error.Should().Be(LogoutError.InvalidRequest);
        result.Error.ErrorDescription.Should().NotBeNullOrWhiteSpace().And.NotContain(token);
        return result.Error.ErrorDescription;
    }
}
